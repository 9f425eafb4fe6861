"""The members' pages, in three urlconfs that ``config/urls.py`` mounts at their
prefixes (``members/``, ``dashboard/``, ``organisations/``) in the ``members``
namespace: ``members:profile``, ``members:dashboard``, ``members:organisation``…"""
