from django.urls import path

from clubs import views

app_name = "clubs"

urlpatterns = [
    path("", views.directory_view, name="directory"),
    path("propose/", views.propose, name="propose"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:slug>/manage/members.csv", views.export_members, name="export"),
    path(
        "<slug:slug>/manage/requests/<id:membership_id>/<slug:action>/",
        views.answer_request,
        name="answer_request",
    ),
    path("<slug:slug>/manage/invite/", views.invite, name="invite"),
    path(
        "<slug:slug>/manage/members/<id:membership_id>/role/",
        views.change_role,
        name="change_role",
    ),
    path("<slug:slug>/manage/announcements/", views.post_announcement, name="announce"),
    path(
        "<slug:slug>/manage/announcements/<id:announcement_id>/delete/",
        views.delete_announcement,
        name="delete_announcement",
    ),
    path("<slug:slug>/<slug:action>/", views.member_action, name="action"),
]
