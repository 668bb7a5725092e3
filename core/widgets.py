"""Form widgets of the portal's own."""

from django import forms


class DatalistInput(forms.TextInput):
    """A text box that offers its choices as the person types (HTML ``<datalist>``): a
    searchable picker without script, read by screen readers as a combo box. The field
    turns what was typed back into a choice (see ``members.forms.RegionField``)."""

    template_name = "core/widgets/datalist.html"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.choices = []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["list"] = f"{context['widget']['attrs']['id']}_list"
        context["widget"]["options"] = [(value, label) for value, label in self.choices if value != ""]
        return context
