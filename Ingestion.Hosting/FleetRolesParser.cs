namespace Ingestion.Hosting;

/// <summary>Parses <c>--roles saga,validate,parse,archive,audit</c>.</summary>
public static class FleetRolesParser
{
    /// <summary>The roles named in a comma-separated list; throws <see cref="FormatException"/> naming an unknown role.</summary>
    public static FleetRoles Parse(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return FleetRoles.All;
        }

        var roles = FleetRoles.None;
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            roles |= Enum.TryParse<FleetRoles>(name, ignoreCase: true, out var role) && role != FleetRoles.None
                ? role
                : throw new FormatException($"Unknown role '{name}'; roles are saga, validate, parse, archive, audit, all.");
        }

        return roles;
    }
}
