using Ingestion.Saga.Review;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ingestion.WebConsole.Pages.Review;

/// <summary>The reviewers' queue.</summary>
public sealed class IndexModel(ReviewQueries reviews) : PageModel
{
    public IReadOnlyList<ReviewItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Items = await reviews.PendingAsync(cancellationToken: cancellationToken);
}
