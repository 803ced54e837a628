using Ingestion.WebConsole.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ingestion.WebConsole.Pages;

/// <summary>The start page: each role goes where its work is.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect(User.RoleName() switch
    {
        "reviewer" => "/review",
        "operator" => "/fleet",
        "auditor" => "/audit",
        _ => "/documents",
    });
}
