using IcaKms.Web.Services.Rotation;

namespace IcaKms.Web.Services;

/// <summary>
/// A circuit's ICA flows, for the one that coordinates them (<see cref="WizardCoordinator"/>): the connection and its
/// lists, the admin's choices, the plan and apply, and the validation watch. Each stays its own scoped service.
/// </summary>
/// <param name="Connection">The ICA connection and ICA's lists.</param>
/// <param name="Choices">The admin's choices for the ICA plan.</param>
/// <param name="Apply">Plan → confirm → apply.</param>
/// <param name="Validation">The watch of ICA's validation.</param>
/// <param name="Rotation">The access-key rotation of an existing credential.</param>
public sealed record IcaFlows(IcaConnection Connection, IcaPlanChoices Choices, IcaApply Apply, IcaValidationWatcher Validation, IcaRotation Rotation);
