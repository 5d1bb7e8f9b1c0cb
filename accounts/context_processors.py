from .roles import user_roles


def roles(request):
    """`user_roles` in every template, for the navigation by role."""
    return {"user_roles": user_roles(request)}
