def home_todo(user) -> list:
    return []
