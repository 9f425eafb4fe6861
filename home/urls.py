from django.urls import path

from home import views

app_name = "home"

urlpatterns = [
    path("<id:pk>/report/", views.report_accessibility_problem, name="accessibility_report"),
]
