"""Snippets the programme pages point to: target groups, EU projects, teams, people, partners."""

from dataclasses import dataclass

from programmes.models import EUProject, Partner, Person, TargetGroup, Team

from . import organisation as data
from .sync import upsert


@dataclass
class Organisation:
    """The snippets by their natural keys, for the page builders."""

    target_groups: dict
    eu_projects: dict
    teams: dict
    people: dict
    partners: dict


def build_organisation(locale, logo_strip, tally):
    target_groups = {
        name: upsert(TargetGroup, {"locale": locale, "name": name}, {}, tally)
        for name in data.TARGET_GROUPS
    }
    eu_projects = {}
    for project in data.EU_PROJECTS:
        name = project["name"]
        values = {key: value for key, value in project.items() if key != "name"}
        eu_projects[name] = upsert(
            EUProject,
            {"locale": locale, "name": name},
            {**values, "logo_strip": logo_strip},
            tally,
        )
    teams = {}
    for team in data.TEAMS:
        number = team["number"]
        values = {key: value for key, value in team.items() if key != "number"}
        teams[number] = upsert(Team, {"locale": locale, "number": number}, values, tally)
    people = {}
    for person in data.PEOPLE:
        name = person["name"]
        values = {key: value for key, value in person.items() if key != "name"}
        values["team"] = teams[person["team"]]
        people[name] = upsert(Person, {"locale": locale, "name": name}, values, tally)
    # Only the name is ours to set: an editor may add a partner's website.
    partners = {
        name: upsert(Partner, {"locale": locale, "name": name}, {}, tally)
        for name in data.LESNICA_PARTNERS
    }
    return Organisation(target_groups, eu_projects, teams, people, partners)
