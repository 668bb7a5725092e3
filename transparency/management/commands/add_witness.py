"""manage.py add_witness ORGANIZATION_ID: set up the portal-hosted witness of a member organisation
(the secretariat's decision, taken on the server) and print its verifier key."""

from django.core.management.base import BaseCommand, CommandError

from core.audit import audit_context
from members.models import Organization, OrganizationStatus
from transparency.services import witness_create, witness_verifier


class Command(BaseCommand):
    help = "Set up the hosted witness of an active member organisation (safe to repeat) and print its vkey."

    def add_arguments(self, parser):
        parser.add_argument("organization_id", type=int)

    def handle(self, *args, organization_id, **options):
        organization = Organization.objects.filter(pk=organization_id, status=OrganizationStatus.ACTIVE).first()
        if organization is None:
            raise CommandError(f"No active member organisation has the id {organization_id}.")
        with audit_context(source="system"):
            witness = witness_create(organization=organization)
        self.stdout.write(f"{organization.name_zh}: {witness_verifier(witness).vkey}")
