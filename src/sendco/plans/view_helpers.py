"""Small helpers shared by the plans views."""


def form_page(heading: str, caption: str, back_url: str, submit: str = "Save") -> dict:
    return {"heading": heading, "caption": caption, "back_url": back_url, "submit": submit}
