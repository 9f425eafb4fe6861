"""Mounted at ``organisations/``: the partner organisations."""

from django.urls import path

from members import views

urlpatterns = [
    path("", views.organisation_list, name="organisations"),
    path("<slug:slug>/", views.organisation_detail, name="organisation"),
]
