from django.http import HttpRequest

from .models import WorkPlan


def navigation(request: HttpRequest) -> dict:
    # Querysets stay lazy: fragments that never show the navigation never query it.
    user = getattr(request, "user", None)
    plans = WorkPlan.objects.visible_to(user) if user is not None else WorkPlan.objects.none()
    return {"nav_plans": plans}
