"""register_taxonomies: a way of grouping the bidang, applied to every service."""

from __future__ import annotations

from posyandu_core.hookspecs import Registrar, hookimpl
from posyandu_core.model import Bidang, Taxonomy, TaxonomyGroup
from posyandu_core.testing import installed


class TwoGroupsPlugin:
    @hookimpl
    def register_taxonomies(self, register: Registrar[Taxonomy]) -> None:
        register(
            Taxonomy(
                id="kesehatan-dan-lainnya",
                name="Kesehatan dan lainnya",
                source="example",
                groups=(
                    TaxonomyGroup(id="kesehatan", label_id="Kesehatan",
                                  label_en="Health", bidang=[Bidang.KESEHATAN]),
                    TaxonomyGroup(id="lainnya", label_id="Lainnya", label_en="Other",
                                  bidang=[b for b in Bidang if b is not Bidang.KESEHATAN]),
                ),
            )
        )  # fmt: skip


with installed(TwoGroupsPlugin()) as registry:
    taxonomy = registry.taxonomies["kesehatan-dan-lainnya"]
    groups = taxonomy.group(registry.services.values())
for group_id, services in groups.items():
    print(f"{group_id}: {len(services)} services")
assert len(groups["kesehatan"]) >= 2
