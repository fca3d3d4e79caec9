namespace DistillGuard.Simulation.Generation;

/// <summary>When in the local day an actor is busy.</summary>
internal enum DiurnalShape
{
    /// <summary>Office hours on weekdays.</summary>
    Work,

    /// <summary>Evenings and lunch breaks, weekends included.</summary>
    Evening,

    /// <summary>Around the clock with a mild dip at night (services with many end users).</summary>
    Flat,

    /// <summary>Afternoons to late night.</summary>
    Student,
}
