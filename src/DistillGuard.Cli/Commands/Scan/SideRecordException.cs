using DistillGuard.Core.Log;

namespace DistillGuard.Cli.Commands.Scan;

/// <summary>Carries a rejected accounts/models line out of the field readers to <see cref="SideFileReader"/>.</summary>
internal sealed class SideRecordException(BadRecord record) : Exception(record.ToString())
{
    public BadRecord Record { get; } = record;
}
