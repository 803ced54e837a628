using System.CommandLine;
using Ingestion.Audit.Checkpoints;
using Ingestion.Audit.Ledger;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Host.Cli;

/// <summary>
/// <c>ingest audit verify</c>, <c>trail &lt;correlation-id&gt;</c>, and the Merkle proofs: <c>checkpoint</c>, <c>public-key</c>,
/// <c>prove</c>, <c>verify-receipt</c> and <c>consistency</c>.
/// </summary>
internal static class AuditCommands
{
    public static Command Create()
    {
        var audit = new Command("audit", "Verify and read the hash-chained audit trail.");
        audit.Subcommands.Add(Verify());
        audit.Subcommands.Add(Trail());
        audit.Subcommands.Add(CheckpointCommand());
        audit.Subcommands.Add(PublicKey());
        audit.Subcommands.Add(Prove());
        audit.Subcommands.Add(VerifyReceipt());
        audit.Subcommands.Add(Consistency());
        AuditExportCommands.AddTo(audit);
        return audit;
    }

    private static Command Verify()
    {
        var json = CliJson.Option();
        var command = new Command(
            "verify",
            "Recompute the whole chain with the public key alone; print its head, or the first entry that does not verify and any checkpoint whose signature does not (exit 1).")
        {
            json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var result = await host.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                CliJson.Write(new
                {
                    result.Intact,
                    result.Entries,
                    result.HeadSeq,
                    result.HeadHash,
                    result.CheckpointsVerified,
                    result.FirstBadSeq,
                    result.Problem,
                    TamperedCheckpoints = result.RejectedCheckpoints.Select(r => new { r.Checkpoint.TreeSize, r.Problem }),
                });
                return result.Verifies ? ExitCodes.Ok : ExitCodes.CheckFailed;
            }

            foreach (var rejected in result.RejectedCheckpoints)
            {
                Console.WriteLine($"Checkpoint TAMPERING: {rejected.Problem}; the ledger never signed it, and it is not used.");
            }

            if (result.Intact)
            {
                Console.WriteLine($"Audit chain intact: {result.Entries} entries, head seq {result.HeadSeq}, head hash {result.HeadHash}; {result.CheckpointsVerified} signed checkpoints match");
                return result.Verifies ? ExitCodes.Ok : ExitCodes.CheckFailed;
            }

            Console.WriteLine($"Audit chain BROKEN at seq {result.FirstBadSeq}: {result.Problem}.");
            Console.WriteLine($"The {result.Entries} entries before it verify; last good seq {result.HeadSeq}, hash {result.HeadHash}");
            return ExitCodes.CheckFailed;
        });
        return command;
    }

    private static Command Trail()
    {
        var correlationId = new Argument<Guid>("correlation-id") { Description = "The document's correlation id." };
        var command = new Command("trail", "Print a document's audit entries in chain order.") { correlationId };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var ledger = host.Services.GetRequiredService<AuditLedger>();
            var count = 0;
            Console.WriteLine($"{"SEQ",6}  {"OCCURRED (UTC)",-26}  {"ACTION",-8}  {"FROM",-10}  {"TO",-10}  {"OUTCOME",-9}  {"ATTEMPT",7}  {"ERROR",-16}  ACTOR");
            await foreach (var entry in ledger.ReadAsync(result.GetRequiredValue(correlationId), cancellationToken))
            {
                var e = entry.Event;
                Console.WriteLine(
                    $"{entry.Seq,6}  {e.OccurredAt:yyyy-MM-dd HH:mm:ss.ffffff}  {e.Action,-8}  {e.FromState ?? "-",-10}  {e.ToState,-10}  {e.Outcome,-9}  {e.Attempt,7}  {e.ErrorCode ?? "-",-16}  {e.Actor.WorkerId}");
                count++;
            }

            if (count == 0)
            {
                await Console.Error.WriteLineAsync($"No audit entries for {result.GetRequiredValue(correlationId)}.");
                return ExitCodes.NotFound;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CheckpointCommand()
    {
        var command = new Command("checkpoint", "Sign a checkpoint (Merkle root and chain head) of the ledger as it is now and print it.");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var checkpoint = await host.Services.GetRequiredService<CheckpointStore>().CreateAsync(cancellationToken);
            Console.WriteLine($"Checkpoint size {checkpoint.TreeSize}");
            Console.WriteLine($"  root hash  {Convert.ToHexStringLower(checkpoint.RootHash)}");
            Console.WriteLine($"  head       seq {checkpoint.TreeSize}, hash {Convert.ToHexStringLower(checkpoint.HeadHash)}");
            Console.WriteLine($"  created at {checkpoint.CreatedAtText}");
            Console.WriteLine($"  key id     {checkpoint.KeyId}");
            Console.WriteLine($"  signature  {Convert.ToHexStringLower(checkpoint.Signature)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command PublicKey()
    {
        var command = new Command("public-key", "Print the checkpoint signing key's public key (PEM); exit 1 when there is no key yet.");
        command.SetAction(_ =>
        {
            // Reads the public key only: printing a key must never create one, or a mistyped path would publish a key
            // that signed nothing (M10). The first checkpoint creates the pair.
            using var host = ClientHost.Build();
            var key = host.Services.GetRequiredService<LedgerPublicKey>();
            if (key.Pem is not { } pem)
            {
                Console.Error.WriteLine(
                    $"No public key at {key.Path}: the first checkpoint (`ingest audit checkpoint`, or a worker with the audit role) creates the key pair.");
                return ExitCodes.CheckFailed;
            }

            Console.WriteLine(pem);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Prove()
    {
        var correlationId = new Argument<Guid>("correlation-id") { Description = "The document's correlation id." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the receipt to this file instead of standard output." };
        var command = new Command("prove", "Write a receipt: a signed checkpoint and an inclusion proof for each of the document's entries.") { correlationId, output };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var id = result.GetRequiredValue(correlationId);
            foreach (var rejected in (await host.Services.GetRequiredService<CheckpointStore>().LatestVerifiedAsync(cancellationToken)).Rejected)
            {
                await Console.Error.WriteLineAsync($"Checkpoint TAMPERING: {rejected.Problem}; not used for the proof.");
            }

            AuditReceipt? receipt;
            try
            {
                receipt = await host.Services.GetRequiredService<AuditProver>().ProveAsync(id, cancellationToken);
            }
            catch (ProofRefusedException e)
            {
                Console.WriteLine($"Proof REFUSED: {e.Message}");
                return 1;
            }

            if (receipt is null)
            {
                await Console.Error.WriteLineAsync($"No audit entries for {id}.");
                return ExitCodes.NotFound;
            }

            var json = ReceiptJson.Write(receipt);
            var file = result.GetValue(output);
            if (file is null)
            {
                Console.WriteLine(json);
            }
            else
            {
                await File.WriteAllTextAsync(file.FullName, json, cancellationToken);
                Console.WriteLine($"Receipt for {id}: {receipt.Entries.Count} entries, checkpoint size {receipt.Checkpoint.TreeSize}, written to {file.FullName}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command VerifyReceipt()
    {
        var file = new Argument<FileInfo>("file") { Description = "The receipt written by 'ingest audit prove'." };
        var key = new Option<FileInfo>("--key") { Description = "The ledger's public key (PEM).", Required = true };
        var command = new Command("verify-receipt", "Check a receipt offline: signature, leaf hashes and inclusion proofs (exit 1 naming what fails).") { file, key };
        command.SetAction(async (result, cancellationToken) =>
        {
            // Offline by design: no host, no database, only the two files.
            var verification = ReceiptVerifier.Verify(
                await File.ReadAllTextAsync(result.GetRequiredValue(file).FullName, cancellationToken),
                await File.ReadAllTextAsync(result.GetRequiredValue(key).FullName, cancellationToken));
            if (verification.Verifies)
            {
                Console.WriteLine($"Receipt verifies: {verification.Entries} entries, checkpoint size {verification.TreeSize}");
                return ExitCodes.Ok;
            }

            Console.WriteLine($"Receipt does NOT verify: {verification.Problem}.");
            return ExitCodes.CheckFailed;
        });
        return command;
    }

    private static Command Consistency()
    {
        var first = new Argument<long>("size1") { Description = "The earlier checkpoint's tree size." };
        var second = new Argument<long>("size2") { Description = "The later checkpoint's tree size." };
        var command = new Command("consistency", "Print the consistency proof between two checkpoints and whether it verifies (exit 1 if not).") { first, second };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var (size1, size2) = (result.GetRequiredValue(first), result.GetRequiredValue(second));
            ConsistencyCheck? check;
            try
            {
                check = await host.Services.GetRequiredService<AuditProver>().ConsistencyAsync(size1, size2, cancellationToken);
            }
            catch (ProofRefusedException e)
            {
                Console.WriteLine($"Proof REFUSED: {e.Message}");
                return 1;
            }

            if (check is null)
            {
                await Console.Error.WriteLineAsync($"No checkpoint of size {size1} and of size {size2} both; create them with 'ingest audit checkpoint'.");
                return ExitCodes.NotFound;
            }

            Console.WriteLine($"Checkpoint {size1}: root {Convert.ToHexStringLower(check.First.RootHash)}");
            Console.WriteLine($"Checkpoint {size2}: root {Convert.ToHexStringLower(check.Second.RootHash)}");
            Console.WriteLine($"Consistency proof ({check.Proof.Count} hashes):");
            foreach (var hash in check.Proof)
            {
                Console.WriteLine($"  {hash}");
            }

            Console.WriteLine(check.Verifies
                ? $"Consistency verifies: checkpoint {size2} extends checkpoint {size1}"
                : $"Consistency does NOT verify: {check.Problem}.");
            return check.Verifies ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }
}
