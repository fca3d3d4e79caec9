using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Options;

/// <summary>
/// The data annotations on <see cref="GatewayOptions"/> and on the sections it marks <c>[ValidateObjectMembers]</c> /
/// <c>[ValidateEnumeratedItems]</c>, checked by generated code (no reflection).
/// </summary>
[OptionsValidator]
internal sealed partial class GatewayOptionsAnnotations : IValidateOptions<GatewayOptions>;
