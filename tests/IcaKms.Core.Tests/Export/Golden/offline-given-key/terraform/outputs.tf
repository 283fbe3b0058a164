# The values for ICA's storage configuration form (and its [Optional] Server Side Encryption section).

output "region" {
  description = "The AWS region: choose the ICA region of it."
  value       = var.region
}

output "bucket_name" {
  description = "Bucket name."
  value       = aws_s3_bucket.ica.bucket
}

output "key_prefix" {
  description = "Key prefix (empty: the bucket root)."
  value       = ""
}

output "server_side_encryption_algorithm" {
  description = "Algorithm."
  value       = "aws:kms"
}

output "kms_key_arn" {
  description = "Key Name: the KMS key's full ARN."
  value       = data.aws_kms_key.ica.arn
}

output "iam_user_name" {
  description = "The IAM user whose access key becomes ICA's storage credential."
  value       = aws_iam_user.ica.name
}
