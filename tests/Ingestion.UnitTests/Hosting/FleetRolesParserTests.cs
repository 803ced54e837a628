using Ingestion.Hosting;

namespace Ingestion.UnitTests.Hosting;

/// <summary><c>ingest worker --roles saga,validate,parse,archive,audit</c>.</summary>
public sealed class FleetRolesParserTests
{
    [TestCase(null, FleetRoles.All)]
    [TestCase("  ", FleetRoles.All)]
    [TestCase("all", FleetRoles.All)]
    [TestCase("validate", FleetRoles.Validate)]
    [TestCase(" Audit , archive,,", FleetRoles.Audit | FleetRoles.Archive)]
    [TestCase("saga,saga", FleetRoles.Saga)]
    public void Roles_are_read_without_case_or_spaces_and_none_named_means_every_role(string? list, FleetRoles expected)
    {
        Assert.That(FleetRolesParser.Parse(list), Is.EqualTo(expected));
    }

    [TestCase("ocr")]
    [TestCase("none")]
    [TestCase("validate,pars")]
    public void An_unknown_role_is_refused_by_name(string list)
    {
        Assert.That(() => FleetRolesParser.Parse(list), Throws.InstanceOf<FormatException>().With.Message.StartWith("Unknown role '"));
    }
}
