# What a team changes. Each default is the wizard's value; override them in a .tfvars file or with -var.

variable "region" {
  description = "The AWS region of the ICA region: the bucket, the key and the ICA project must all be in it."
  type        = string
  default     = "ap-southeast-2"
}

variable "bucket_name" {
  description = "The S3 bucket's name."
  type        = string
  default     = "acme-genomics-ica"
}

variable "key_prefix" {
  description = "The folder connected to ICA as its key prefix: no leading '/', ends with '/'."
  type        = string
  default     = "runs/"

  validation {
    condition     = can(regex("^[^/].*/$", var.key_prefix))
    error_message = "The key prefix must not start with '/' and must end with '/' (ICA's rule)."
  }
}

variable "kms_key_arn" {
  description = "The full ARN of the existing customer managed KMS key (never an alias)."
  type        = string
  default     = "arn:aws:kms:ap-southeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  validation {
    condition     = can(regex("^arn:aws:kms:[a-z0-9-]+:[0-9]{12}:key/", var.kms_key_arn))
    error_message = "Give the key's full ARN, arn:aws:kms:REGION:ACCOUNT:key/ID: an alias resolves in the caller's account."
  }
}

variable "iam_user_name" {
  description = "The IAM user whose access key ICA holds."
  type        = string
  default     = "ica-storage"
}

variable "iam_policy_name" {
  description = "The name of the managed policy with the spec's IAM policy."
  type        = string
  default     = "ica-sse-kms-acme-genomics-ica"
}
