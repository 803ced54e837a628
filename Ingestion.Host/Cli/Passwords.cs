using System.CommandLine;
using System.Text;

namespace Ingestion.Host.Cli;

/// <summary>
/// Reads passwords for a command: from the terminal without echo, or, with <c>--password-stdin</c>, one per line from
/// standard input (for scripts), in the order the command's help lists them. Never from an argument, which other users
/// of the machine can read in the process list.
/// </summary>
internal sealed class Passwords(bool fromStdin)
{
    /// <summary>The option that switches a command to standard input.</summary>
    public static Option<bool> StdinOption(string order = "the password") => new("--password-stdin")
    {
        Description = $"Read {order} from standard input, one a line, instead of prompting on the terminal.",
    };

    /// <summary>Reads one password; null (with a message) when there is none to read.</summary>
    public string? Read(string prompt)
    {
        if (fromStdin)
        {
            var line = Console.In.ReadLine();
            if (line is null)
            {
                Console.Error.WriteLine($"Refused: standard input ended before {prompt.TrimEnd(':', ' ')}.");
            }

            return line;
        }

        if (Console.IsInputRedirected)
        {
            Console.Error.WriteLine("Refused: there is no terminal to ask for the password on; pass --password-stdin and write it to standard input.");
            return null;
        }

        Console.Error.Write(prompt);
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }

    /// <summary>Reads a new password, twice on a terminal so that a typing mistake is caught; null when they differ or none is read.</summary>
    public string? ReadNew(string prompt)
    {
        var first = Read(prompt);
        if (first is null || fromStdin)
        {
            return first;
        }

        if (Read("Repeat it: ") == first)
        {
            return first;
        }

        Console.Error.WriteLine("Refused: the two entries differ.");
        return null;
    }
}
