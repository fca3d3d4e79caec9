using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>The data annotations on <see cref="DashboardOptions"/>, checked by generated code (no reflection).</summary>
[OptionsValidator]
internal sealed partial class DashboardOptionsAnnotations : IValidateOptions<DashboardOptions>;
