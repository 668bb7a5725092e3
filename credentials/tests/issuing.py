"""An issuing organisation for the tests: its keys, DID document, status lists and
credentials, as the services will make them (in memory, no database)."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from nacl.signing import SigningKey

from credentials.vc import did, openbadges, proofs, status_list

HOST = "portal.example.cn"
NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@dataclass
class Issuer:
    organization_id: int = 17
    name: str = "常州示例职业技术学院"
    seeds: dict = field(default_factory=dict)  # fragment → seed
    keys: list = field(default_factory=list)  # did.IssuerKey
    lists: dict = field(default_factory=dict)  # purpose → StatusList

    @property
    def did(self):
        return did.did_web(HOST, self.organization_id)

    def add_key(self, fragment, created, revoked=None, compromised=False):
        seed = SigningKey.generate().encode()
        self.seeds[fragment] = seed
        self.keys.append(did.IssuerKey(fragment, bytes(SigningKey(seed).verify_key), created, revoked, compromised))
        return fragment

    def document(self):
        return did.did_document(self.did, self.keys)

    def public_key_for(self, method):
        return did.public_key_of(self.document(), method)

    def list_url(self, purpose):
        return f"https://{HOST}/orgs/{self.organization_id}/status/{purpose}"

    def status_list(self, purpose):
        return self.lists.setdefault(purpose, status_list.StatusList())

    def sign(self, document, fragment="key-2", created=NOW):
        return proofs.add_proof(
            document,
            key=self.seeds[fragment],
            verification_method=did.verification_method_id(self.did, fragment),
            created=created,
        )

    def status_list_credential(self, purpose, fragment="key-2"):
        unsigned = status_list.status_list_credential(
            list_url=self.list_url(purpose),
            issuer_id=self.did,
            purpose=purpose,
            status_list=self.status_list(purpose),
            valid_from=NOW - timedelta(days=1),
        )
        return self.sign(unsigned, fragment)

    def fetch_status_list(self, url):
        for purpose in status_list.PURPOSES:
            if url == self.list_url(purpose):
                return self.status_list_credential(purpose)
        raise LookupError(url)

    def credential(self, index=94567, *, achievement_type="Diploma", **changes):
        achievement = openbadges.achievement(
            achievement_id="urn:uuid:5d1f6d8a-3c1b-4f7e-9f0a-3e2d1c0b9a87",
            name="机电一体化技术专业毕业",
            description="完成三年制高等职业教育机电一体化技术专业的学习，成绩合格，准予毕业。",
            criteria="修满 150 学分，通过毕业设计答辩。",
            achievement_type=achievement_type,
            field_of_study="机电一体化技术",
        )
        arguments = dict(
            issuer_id=self.did,
            issuer_name=self.name,
            achievement=achievement,
            valid_from=NOW - timedelta(days=30),
            credential_status=[
                status_list.status_entry(list_url=self.list_url(purpose), index=index, purpose=purpose)
                for purpose in status_list.PURPOSES
            ],
        )
        arguments.update(changes)
        return openbadges.open_badge_credential(**arguments)


def issuer_with_keys():
    """An organisation with a retired key (key-1, 2024–2025) and a current one (key-2)."""
    issuer = Issuer()
    issuer.add_key("key-1", datetime(2024, 1, 1, tzinfo=UTC), revoked=datetime(2025, 1, 1, tzinfo=UTC))
    issuer.add_key("key-2", datetime(2025, 1, 1, tzinfo=UTC))
    return issuer
