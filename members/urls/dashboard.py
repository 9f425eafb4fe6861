"""Mounted at ``dashboard/``: the member's dashboard."""

from django.urls import path

from members import views

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
]
