"""Flask-WTF forms. Survey question forms are built at run time from survey definitions."""

from .survey import AnonymousStartForm, SubmitForm, question_form

__all__ = ["AnonymousStartForm", "SubmitForm", "question_form"]
