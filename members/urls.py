from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("members/", views.directory, name="directory"),
    path("members/me/edit/", views.profile_edit, name="edit"),
    path("members/me/network/", views.network, name="network"),
    path("members/me/data/", views.my_data, name="my_data"),
    path("members/me/data/export/", views.my_data_export, name="my_data_export"),
    path("members/<int:pk>/", views.profile_detail, name="profile"),
    path("members/<int:pk>/photo/", views.profile_photo, name="photo"),
    path("members/<int:pk>/photo/<slug:size>/", views.profile_photo, name="photo_sized"),
    path("members/<int:pk>/cv/", views.profile_cv, name="cv"),
    path("members/<int:pk>/contact/", views.contact, name="contact"),
    path("members/<int:pk>/connect/", views.connection_request, name="connect"),
    path(
        "members/connections/<int:pk>/<slug:action>/",
        views.connection_action,
        name="connection_action",
    ),
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
]
