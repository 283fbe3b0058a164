namespace IcaKms.Core.Aws;

/// <summary>The four gateways of one session in one region.</summary>
public sealed record AwsGateways(IS3Gateway S3, IKmsGateway Kms, IIamGateway Iam, IStsGateway Sts);
