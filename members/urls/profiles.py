"""Mounted at ``members/``: the directory, profiles, the network and "my data"."""

from django.urls import path

from members import views

urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/edit/", views.profile_edit, name="edit"),
    path("me/network/", views.network, name="network"),
    path("me/data/", views.my_data, name="my_data"),
    path("me/data/export/", views.my_data_export, name="my_data_export"),
    path("<int:pk>/", views.profile_detail, name="profile"),
    path("<int:pk>/photo/", views.profile_photo, name="photo"),
    path("<int:pk>/photo/<slug:size>/", views.profile_photo, name="photo_sized"),
    path("<int:pk>/cv/", views.profile_cv, name="cv"),
    path("<int:pk>/contact/", views.contact, name="contact"),
    path("<int:pk>/connect/", views.connection_request, name="connect"),
    path(
        "connections/<int:pk>/<slug:action>/",
        views.connection_action,
        name="connection_action",
    ),
]
