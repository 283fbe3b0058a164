# IcaKms: an S3 bucket with SSE-KMS connected to ICA (Illumina Connected Analytics), as ICA's help page "SSE-KMS
# Encryption" asks; generated from the wizard's inputs alone (no AWS session): every resource is created, except
# a key given by its ARN, which is read.
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
      kms_master_key_id = data.aws_kms_key.ica.arn
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

# The IAM user whose access key ICA holds (create the key in the IAM console after apply: Terraform would keep
# its secret in the state).
resource "aws_iam_user" "ica" {
  name = var.iam_user_name
}

# The spec's IAM policy, versioned OR suspended bucket variant: the key ARN on the first Resource; the IAM
# console's Summary lists 3 services (KMS, S3, STS).
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

resource "aws_iam_user_policy_attachment" "ica" {
  user       = aws_iam_user.ica.name
  policy_arn = aws_iam_policy.ica.arn
}
