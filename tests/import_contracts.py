"""A contract type for import-linter (``.importlinter``): modules that must not import
some modules of an external package, such as ``django.http``, directly.

import-linter keeps an external package as one node (``django``), so its own
``forbidden`` contract cannot name a module inside it. This one reads the import
statements recorded on that node instead: ``from django.http import …`` or
``import django.shortcuts`` in a source module breaks it.
"""

from importlinter import Contract, ContractCheck, fields, output
from importlinter.domain.helpers import module_expressions_to_modules


class ForbiddenExternalModulesContract(Contract):
    source_modules = fields.ListField(subfield=fields.ModuleExpressionField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        sources = module_expressions_to_modules(graph, self.source_modules)
        found = []
        for source in sorted(module.name for module in sources):
            for forbidden in self.forbidden_modules:
                package = forbidden.split(".")[0]
                for detail in graph.get_import_details(importer=source, imported=package):
                    line = detail["line_contents"]
                    if f"{forbidden} " in f"{line} " or f"{forbidden}." in line:
                        found.append(f"{source}:{detail['line_number']} {line}")
        return ContractCheck(kept=not found, metadata={"found": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for line in check.metadata["found"]:
            output.print_error(line)
