using System.Xml.Linq;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>The <c>…Result</c> element of a successful call, or its failure.</summary>
internal sealed class IamAnswer
{
    public IamAnswer(XElement result) => Result = result;

    private IamAnswer(AwsFailure failure) => Failure = failure;

    /// <summary>The result element, or null when the call failed.</summary>
    public XElement? Result { get; }

    private AwsFailure? Failure { get; }

    public static IamAnswer Failed(AwsFailure failure) => new(failure);

    /// <summary>The failure as a result of another type.</summary>
    public Result<T, AwsFailure> Fail<T>() => Result<T, AwsFailure>.Fail(Failure ?? throw new InvalidOperationException("The call succeeded."));
}
