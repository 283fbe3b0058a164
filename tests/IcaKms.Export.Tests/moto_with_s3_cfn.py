"""moto's server (same arguments as `python3 -m moto.server`, e.g. `-H 127.0.0.1 -p PORT`), with moto's CloudFormation
model of AWS::S3::Bucket completed for three properties it ignores.

Why: moto 5.x's FakeBucket.create_from_cloudformation_json / update_from_cloudformation_json (moto/s3/models.py) apply
only BucketEncryption's SSEAlgorithm and KMSMasterKeyID (moto/s3/cloud_formation.py, cfn_to_api_encryption) and Tags.
AWS's AWS::S3::Bucket property reference documents three more that the exported template sets and IcaKms's live checks
read back, all "Update requires: No interruption":
  - BucketEncryption.ServerSideEncryptionConfiguration[].BucketKeyEnabled (ServerSideEncryptionRule): the bucket's
    encryption rule's BucketKeyEnabled, as PutBucketEncryption sets it;
  - OwnershipControls.Rules[].ObjectOwnership: as PutBucketOwnershipControls;
  - PublicAccessBlockConfiguration (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets): as
    PutPublicAccessBlock.
This shim applies them after moto's own create and update, through moto's own S3 backend methods (the ones its REST
handlers call, with the values in the shapes those handlers pass), so GetBucketEncryption, GetBucketOwnershipControls
and GetPublicAccessBlock answer what the template asked for. On update a property the template no longer has is
removed (CloudFormation brings the bucket to the template): moto's own update already rewrites the encryption rule
without BucketKeyEnabled; the shim deletes the ownership controls or the public access block. Nothing else changes: every
other resource, property and API is moto's. Delete this file once moto applies these properties itself.
"""

import sys
from typing import Any

from moto.core.utils import ensure_boolean
from moto.s3.models import FakeBucket, s3_backends
from moto.server import main
from moto.utilities.utils import get_partition

_moto_create = FakeBucket.create_from_cloudformation_json.__func__
_moto_update = FakeBucket.update_from_cloudformation_json.__func__


def _apply(bucket: FakeBucket, properties: dict[str, Any], updating: bool) -> None:
    backend = s3_backends[bucket.account_id][get_partition(bucket.region_name)]

    rules = properties.get("BucketEncryption", {}).get("ServerSideEncryptionConfiguration", [])
    if rules and "BucketKeyEnabled" in rules[0] and bucket.encryption:
        # moto keeps one rule (cfn_to_api_encryption reads the first); PutBucketEncryption's handler stores the flag there.
        bucket.encryption["Rule"]["BucketKeyEnabled"] = ensure_boolean(rules[0]["BucketKeyEnabled"])
        backend.put_bucket_encryption(bucket.name, bucket.encryption)

    ownership = properties.get("OwnershipControls", {}).get("Rules", [])
    if ownership:
        backend.put_bucket_ownership_controls(bucket.name, ownership=ownership[0]["ObjectOwnership"])
    elif updating:
        backend.delete_bucket_ownership_controls(bucket.name)

    public_access = properties.get("PublicAccessBlockConfiguration")
    if public_access:
        backend.put_public_access_block(bucket.name, public_access)
    elif updating:
        backend.delete_public_access_block(bucket.name)


def _create(cls: type, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> FakeBucket:
    bucket = _moto_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    _apply(bucket, cloudformation_json.get("Properties", {}), updating=False)
    return bucket


def _update(cls: type, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> FakeBucket:
    bucket = _moto_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name)
    _apply(bucket, cloudformation_json.get("Properties", {}), updating=True)
    return bucket


FakeBucket.create_from_cloudformation_json = classmethod(_create)
FakeBucket.update_from_cloudformation_json = classmethod(_update)

if __name__ == "__main__":
    main(sys.argv[1:])
