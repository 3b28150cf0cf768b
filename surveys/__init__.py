"""Survey definitions: versioned YAML files, validated, resolved per audience variant.

Pure Python (pydantic + PyYAML); the web, SMS and analysis layers build on this package.
"""

from surveys.errors import AnswerError, DefinitionError, DefinitionErrors, SchemaVersionError
from surveys.kinds import (
    KINDS,
    FreeText,
    Kind,
    MultipleChoice,
    Option,
    Scale,
    ScaleSpec,
    SingleChoice,
    YesNoNotSure,
)
from surveys.loader import (
    DEFINITIONS_DIR,
    Registry,
    default_registry,
    describe,
    load_file,
    load_text,
    validate_directory,
)
from surveys.migrations import CURRENT_SCHEMA, migrate_1_to_2, upgrade
from surveys.model import SurveyDefinition, Variant
from surveys.pledges import PLEDGE_KEYS, PLEDGE_SHORT_TITLES, PLEDGES
from surveys.resolved import Question, ResolvedSection, ResolvedSurvey, ShowIf
from surveys.sms import gsm7_length

__all__ = [
    "CURRENT_SCHEMA",
    "DEFINITIONS_DIR",
    "KINDS",
    "PLEDGES",
    "PLEDGE_KEYS",
    "PLEDGE_SHORT_TITLES",
    "AnswerError",
    "DefinitionError",
    "DefinitionErrors",
    "FreeText",
    "Kind",
    "MultipleChoice",
    "Option",
    "Question",
    "Registry",
    "ResolvedSection",
    "ResolvedSurvey",
    "Scale",
    "ScaleSpec",
    "SchemaVersionError",
    "ShowIf",
    "SingleChoice",
    "SurveyDefinition",
    "Variant",
    "YesNoNotSure",
    "default_registry",
    "describe",
    "gsm7_length",
    "load_file",
    "load_text",
    "migrate_1_to_2",
    "upgrade",
    "validate_directory",
]
