"""How the report says its content: each note once, where the goal evaluation repeats it.

The evaluation writes a wave standing in for the year into every target's explanation, so that
each explanation reads on its own (mal.json, the follow-up pages). A report reads as a whole:
it says the note once per goal and once among the data notes, and keeps the explanations short.
Works on the content dict, so a report presented earlier reads the same way.
"""

from django.utils.functional import SimpleLazyObject

from .charts import charts_for
from .freezing import content_of, shown_texts


def report_context(report):
    """What the report's page and its PDF document render."""
    # Read only if the body is rendered: a presented report's body usually comes from the
    # cache, and then its frozen snapshot is never loaded.
    content = SimpleLazyObject(lambda: content_of(report))
    return {
        "report": report,
        "content": content,
        "texts": SimpleLazyObject(lambda: shown_texts(report)),
        "charts": SimpleLazyObject(lambda: charts_for(content)),
        "goals": SimpleLazyObject(lambda: shown_goals(content["goals"])),
        "data_notes": SimpleLazyObject(lambda: data_notes(content["goals"])),
    }


def shown_goals(goals):
    """The goals with their explanations free of notes, and each goal's notes once."""
    return [
        {
            **goal,
            "explanations": [short_explanation(target) for target in goal["targets"]],
            "notes": goal_notes(goal),
        }
        for goal in goals
    ]


def short_explanation(target):
    """The explanation without the note the evaluation appends to it ("…. <note>")."""
    text, note = target["explanation"], target["substitution"]
    if note and text.endswith(f". {note}"):
        return text[: -len(note) - 2]
    return text


def goal_notes(goal):
    return list(dict.fromkeys(t["substitution"] for t in goal["targets"] if t["substitution"]))


def data_notes(goals):
    """[(note, [goal title])]: each distinct note once, with the goals it concerns."""
    notes = {}
    for goal in goals:
        for note in goal_notes(goal):
            notes.setdefault(note, []).append(goal["title"])
    return list(notes.items())
