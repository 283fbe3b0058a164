# IcaKms: an S3 bucket with SSE-KMS connected to ICA (Illumina Connected Analytics), as ICA's help page "SSE-KMS
# Encryption" asks; generated from the wizard's inputs alone (no AWS session): every resource is created, except
# a key given by its ARN, which is read.
# The spec's IAM policy: unversioned variant. Run: terraform init, terraform plan, terraform apply (see
# README.md).

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

data "aws_caller_identity" "current" {}

# The KMS key: symmetric, customer managed, in the ICA region. Its policy is KMS's default (the account root may
# use it, so IAM policies decide) with the spec's statement for ICA's cross-account copy role.
resource "aws_kms_key" "ica" {
  description              = "ICA SSE-KMS key for S3 bucket acme-genomics-ica"
  key_usage                = "ENCRYPT_DECRYPT"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  policy                   = <<-POLICY
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Enable IAM User Permissions",
                "Effect": "Allow",
                "Principal": {
                    "AWS": "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"
                },
                "Action": "kms:*",
                "Resource": "*"
            },
            {
                "Sid": "Allow cross account access",
                "Effect": "Allow",
                "Principal": {
                    "AWS": "${var.cross_account_role_arn}"
                },
                "Action": [
                    "kms:Encrypt",
                    "kms:Decrypt",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*",
                    "kms:DescribeKey"
                ],
                "Resource": "*"
            }
        ]
    }
  POLICY
}

resource "aws_kms_alias" "ica" {
  name          = var.kms_alias_name
  target_key_id = aws_kms_key.ica.key_id
}

# The bucket, in the ICA region.
resource "aws_s3_bucket" "ica" {
  bucket = var.bucket_name
}

# Default encryption SSE-KMS by the key's full ARN (never an alias: it resolves in the caller's account), Bucket
# Key on.
resource "aws_s3_bucket_server_side_encryption_configuration" "ica" {
  bucket = aws_s3_bucket.ica.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.ica.arn
    }
    bucket_key_enabled = true
  }
}

# Object Ownership "bucket owner enforced": objects ICA writes belong to the bucket owner (no 403s across
# accounts).
resource "aws_s3_bucket_ownership_controls" "ica" {
  bucket = aws_s3_bucket.ica.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# Block Public Access: all four settings on.
resource "aws_s3_bucket_public_access_block" "ica" {
  bucket                  = aws_s3_bucket.ica.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

# The prefix folder connected to ICA as its key prefix, written with SSE-KMS by the key.
resource "aws_s3_object" "prefix_folder" {
  bucket                 = aws_s3_bucket.ica.id
  key                    = var.key_prefix
  content                = ""
  server_side_encryption = "aws:kms"
  kms_key_id             = aws_kms_key.ica.arn
  bucket_key_enabled     = true

  depends_on = [aws_s3_bucket_server_side_encryption_configuration.ica]
}

# The IAM user whose access key ICA holds (create the key in the IAM console after apply: Terraform would keep
# its secret in the state).
resource "aws_iam_user" "ica" {
  name = var.iam_user_name
}

# The spec's IAM policy, unversioned bucket variant: the key ARN on the first Resource; the IAM console's
# Summary lists 3 services (KMS, S3, STS).
resource "aws_iam_policy" "ica" {
  name   = var.iam_policy_name
  policy = <<-POLICY
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": [
                    "kms:Decrypt",
                    "kms:Encrypt",
                    "kms:GenerateDataKey",
                    "s3:PutBucketNotification",
                    "s3:ListBucket",
                    "s3:GetBucketNotification",
                    "s3:GetBucketLocation"
                ],
                "Resource": [
                    "${aws_kms_key.ica.arn}",
                    "arn:aws:s3:::${var.bucket_name}"
                ]
            },
            {
                "Effect": "Allow",
                "Action": [
                    "s3:PutObject",
                    "s3:GetObject",
                    "s3:RestoreObject",
                    "s3:DeleteObject"
                ],
                "Resource": "arn:aws:s3:::${var.bucket_name}/*"
            },
            {
                "Effect": "Allow",
                "Action": [
                    "sts:GetFederationToken"
                ],
                "Resource": [
                    "*"
                ]
            }
        ]
    }
  POLICY
}

resource "aws_iam_user_policy_attachment" "ica" {
  user       = aws_iam_user.ica.name
  policy_arn = aws_iam_policy.ica.arn
}
