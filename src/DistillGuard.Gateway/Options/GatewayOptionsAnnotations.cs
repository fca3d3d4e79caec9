using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Options;

/// <summary>The data annotations on <see cref="GatewayOptions"/>' own properties, checked by generated code (no reflection).</summary>
[OptionsValidator]
internal sealed partial class GatewayOptionsAnnotations : IValidateOptions<GatewayOptions>;
