import factory

from members.demo import credit_code
from members.models import Membership, Organization, OrganizationKind, OrganizationStatus, Role, User
from members.validators import registrations_for


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = OrganizationKind.ENTERPRISE
    name_zh = factory.Sequence(lambda n: f"测试单位{n:04d}有限公司")
    name_en = factory.Sequence(lambda n: f"Test Organisation {n:04d}")
    # Registered as what its kind is (a government body's code starts 11, an enterprise's 91).
    credit_code = factory.LazyAttributeSequence(
        lambda org, n: credit_code("320411", 700000 + n, registrations_for(org.kind)[0])
    )
    industry_id = "C34"
    region_id = "320411"
    status = OrganizationStatus.ACTIVE
    contact_name = "联系人"
    contact_phone = "0519-88880000"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.cn")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n:04d}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.cn")
    password = factory.PostGenerationMethodCall("set_password", "Correct-Horse-2026")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.STAFF


def person(organization, *roles, **fields):
    """A user with the given roles in the organisation."""
    user = UserFactory(**fields)
    for role in roles:
        MembershipFactory(user=user, organization=organization, role=role)
    return user
