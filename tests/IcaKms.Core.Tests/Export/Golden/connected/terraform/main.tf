# IcaKms: an S3 bucket with SSE-KMS connected to ICA (Illumina Connected Analytics), as ICA's help page "SSE-KMS
# Encryption" asks; generated from the wizard's inputs and the live state IcaKms inspected: what exists is
# imported (the import blocks), not created again.
# The spec's IAM policy: versioned/suspended variant. Run: terraform init, terraform plan, terraform apply (see
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

# The existing KMS key, read by its ARN: Terraform does not manage the key itself (it never schedules its
# deletion).
data "aws_kms_key" "ica" {
  key_id = var.kms_key_arn
}

# The key's whole policy as IcaKms would write it: the policy read from KMS with ICA's statement merged by its
# Sid, every other statement kept. Adds the spec's statement 'Allow cross account access' for
# arn:aws:iam::079623148045:role/ica_aps2_crossacct as statement #3; every other statement is kept as it is.
# This is the WHOLE key policy (Terraform replaces the policy with it): if the key policy changes before you
# apply, export again from IcaKms rather than editing this by hand.
import {
  to = aws_kms_key_policy.ica
  id = "1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_kms_key_policy" "ica" {
  key_id = data.aws_kms_key.ica.id
  policy = <<-POLICY
    {
        "Version": "2012-10-17",
        "Id": "key-consolepolicy-3",
        "Statement": [
            {
                "Sid": "Enable IAM User Permissions",
                "Effect": "Allow",
                "Principal": {
                    "AWS": "arn:aws:iam::123456789012:root"
                },
                "Action": "kms:*",
                "Resource": "*"
            },
            {
                "Sid": "Allow own user",
                "Effect": "Allow",
                "Principal": {
                    "AWS": "arn:aws:iam::123456789012:user/ops"
                },
                "Action": "kms:Decrypt",
                "Resource": "*",
                "Condition": {
                    "StringEquals": {
                        "kms:EncryptionContext:user": "$${aws:username}"
                    }
                }
            },
            {
                "Sid": "Allow cross account access",
                "Effect": "Allow",
                "Principal": {
                    "AWS": "arn:aws:iam::079623148045:role/ica_aps2_crossacct"
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

# The bucket, in the ICA region.
import {
  to = aws_s3_bucket.ica
  id = "acme-genomics-ica"
}

resource "aws_s3_bucket" "ica" {
  bucket = var.bucket_name
}

# Default encryption SSE-KMS by the key's full ARN (never an alias: it resolves in the caller's account), Bucket
# Key on. The encryption types the bucket blocks today are kept (needs an AWS provider that knows
# blocked_encryption_types).
import {
  to = aws_s3_bucket_server_side_encryption_configuration.ica
  id = "acme-genomics-ica"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "ica" {
  bucket = aws_s3_bucket.ica.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = data.aws_kms_key.ica.arn
    }
    bucket_key_enabled       = true
    blocked_encryption_types = ["SSE-C"]
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
import {
  to = aws_s3_bucket_public_access_block.ica
  id = "acme-genomics-ica"
}

resource "aws_s3_bucket_public_access_block" "ica" {
  bucket                  = aws_s3_bucket.ica.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

# The prefix folder connected to ICA as its key prefix, written with SSE-KMS by the key.
import {
  to = aws_s3_object.prefix_folder
  id = "acme-genomics-ica/runs/"
}

resource "aws_s3_object" "prefix_folder" {
  bucket                 = aws_s3_bucket.ica.id
  key                    = var.key_prefix
  content                = ""
  server_side_encryption = "aws:kms"
  kms_key_id             = data.aws_kms_key.ica.arn
  bucket_key_enabled     = true

  depends_on = [aws_s3_bucket_server_side_encryption_configuration.ica]
}

# The IAM user whose access key ICA holds (create the key in the IAM console after apply: Terraform would keep
# its secret in the state).
import {
  to = aws_iam_user.ica
  id = "ica-storage"
}

resource "aws_iam_user" "ica" {
  name = var.iam_user_name
}

# The spec's IAM policy, versioned OR suspended bucket variant: the key ARN on the first Resource; the IAM
# console's Summary lists 3 services (KMS, S3, STS).
import {
  to = aws_iam_policy.ica
  id = "arn:aws:iam::123456789012:policy/ica-sse-kms-acme-genomics-ica"
}

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
                    "s3:GetBucketLocation",
                    "s3:ListBucketVersions",
                    "s3:GetBucketVersioning"
                ],
                "Resource": [
                    "${data.aws_kms_key.ica.arn}",
                    "arn:aws:s3:::${var.bucket_name}"
                ]
            },
            {
                "Effect": "Allow",
                "Action": [
                    "s3:PutObject",
                    "s3:GetObject",
                    "s3:RestoreObject",
                    "s3:DeleteObject",
                    "s3:DeleteObjectVersion",
                    "s3:GetObjectVersion"
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

import {
  to = aws_iam_user_policy_attachment.ica
  id = "ica-storage/arn:aws:iam::123456789012:policy/ica-sse-kms-acme-genomics-ica"
}

resource "aws_iam_user_policy_attachment" "ica" {
  user       = aws_iam_user.ica.name
  policy_arn = aws_iam_policy.ica.arn
}
