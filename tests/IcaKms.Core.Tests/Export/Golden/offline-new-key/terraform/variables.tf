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

variable "kms_alias_name" {
  description = "The alias of the new KMS key."
  type        = string
  default     = "alias/ica-acme-genomics-ica"

  validation {
    condition     = startswith(var.kms_alias_name, "alias/") && !startswith(var.kms_alias_name, "alias/aws/")
    error_message = "A KMS alias starts with 'alias/' and never 'alias/aws/' (AWS keeps those for its own keys)."
  }
}

variable "iam_user_name" {
  description = "The IAM user whose access key ICA holds."
  type        = string
  default     = "ica-acme-genomics-ica"
}

variable "iam_policy_name" {
  description = "The name of the managed policy with the spec's IAM policy."
  type        = string
  default     = "ica-sse-kms-acme-genomics-ica"
}

variable "cross_account_role_arn" {
  description = "ICA's cross-account copy role for the region (ICA's \"Enable Cross Account Copy\" page)."
  type        = string
  default     = "arn:aws:iam::079623148045:role/ica_aps2_crossacct"
}
