namespace Ingestion.Consumers.Reading;

/// <summary>What ended a contained child that did not answer: a crash, or a limit enforced from outside it.</summary>
/// <param name="Code"><c>PARSER_CRASH</c> or <c>RESOURCE_LIMIT</c>.</param>
/// <param name="Reason">What happened, starting with the limit, for example <c>memory 512 MiB: …</c>.</param>
internal sealed record ContainedFailure(string Code, string Reason);
