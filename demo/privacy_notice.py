"""The information clause shown with every enrolment form, in plain Polish.

The controller and the data-protection officer's contact are not repeated here: the form takes
them from the institution's details and settings.
"""

from django.conf import settings


def months(number):
    """ "1 miesiąc", "3 miesiące", "12 miesięcy": the accusative after "przez"."""
    if number == 1:
        word = "miesiąc"
    elif number % 10 in (2, 3, 4) and number % 100 not in (12, 13, 14):
        word = "miesiące"
    else:
        word = "miesięcy"
    return f"{number} {word}"


def privacy_notice():
    retention_months = months(settings.ENROLMENT_RETENTION_MONTHS)
    return {
        "purpose": (
            "Twoje dane ze zgłoszenia wykorzystujemy, aby je rozpatrzyć, skontaktować się z Tobą "
            "w sprawie udziału w programie i – jeśli weźmiesz w nim udział – zorganizować "
            "wsparcie. Podanie danych jest dobrowolne, ale bez imienia i sposobu kontaktu "
            "nie możemy rozpatrzyć zgłoszenia."
        ),
        "legal_basis": (
            "Przetwarzamy dane, bo jest to niezbędne do wykonania zadań publicznych MOPS "
            "z zakresu pomocy społecznej, w tym do prowadzenia programów aktywności lokalnej "
            "i społecznej (art. 6 ust. 1 lit. e RODO w związku z ustawą o pomocy społecznej). "
            "Informacje szczególnie wrażliwe, np. o zdrowiu, niepełnosprawności lub "
            "doświadczeniu przemocy, przetwarzamy, bo jest to niezbędne ze względu na ważny "
            "interes publiczny i do zapewnienia pomocy społecznej (art. 9 ust. 2 lit. g i h RODO)."
        ),
        "recipients": (
            "Twoje zgłoszenie otrzymuje tylko zespół MOPS, który prowadzi wybraną edycję "
            "programu, i osoba odpowiedzialna za tę edycję. Dane przekazujemy innym tylko wtedy, "
            "gdy wymagają tego przepisy prawa, podmiotom do tego uprawnionym. Dostęp do danych "
            "mogą mieć też firmy, które na podstawie umowy z MOPS obsługują nasze systemy "
            "informatyczne – wyłącznie na nasze polecenie i w zakresie potrzebnym do tej obsługi."
        ),
        "retention": (
            "Dane ze zgłoszenia przechowujemy w czasie naboru i trwania edycji programu, a potem "
            f"przez {retention_months} po zakończeniu edycji. Następnie usuwamy je albo "
            "anonimizujemy, czyli zostawiamy tylko takie informacje, z których nie da się "
            "Ciebie rozpoznać."
        ),
        "rights": (
            "Masz prawo do dostępu do swoich danych i do otrzymania ich kopii, do ich "
            "sprostowania, usunięcia i ograniczenia przetwarzania, a także prawo do wniesienia "
            "sprzeciwu wobec przetwarzania. Niektóre z tych praw przysługują tylko w sytuacjach, "
            "które określa RODO. Aby z nich skorzystać, skontaktuj się z nami i – jeśli możesz – "
            "podaj numer zgłoszenia."
        ),
        "complaint": (
            "Jeśli uważasz, że przetwarzamy Twoje dane niezgodnie z prawem, możesz złożyć skargę "
            "do Prezesa Urzędu Ochrony Danych Osobowych, ul. Stawki 2, 00-193 Warszawa."
        ),
    }
