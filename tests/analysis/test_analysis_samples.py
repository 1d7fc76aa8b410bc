"""Small Dutch sample texts and a framework written for the analysis tests."""

from __future__ import annotations

from beleidslens.framework import Framework, parse_framework

FRAMEWORK_YAML = """\
schema: 1
id: proef
name: Proefraamwerk
themes:
  - id: digitaal
    label: Digitale veiligheid
    description: Bescherming tegen cyberaanvallen en digitale criminaliteit.
    keywords: [cyber, cybercriminaliteit, ransomware, hackers]
    aspects:
      - id: cybercrime
        label: aanpak van cybercriminaliteit
        keywords: [cybercriminaliteit, politie, ransomware]
      - id: algoritmes
        label: toezicht op algoritmes
        keywords: [algoritmes, transparantie, toezicht]
  - id: wonen
    label: Betaalbaar wonen
    description: Genoeg betaalbare woningen voor starters en ouderen.
    keywords: [woningen, woningbouw, huurwoningen, starters]
    aspects:
      - id: bouwen
        label: meer betaalbare woningen bouwen
        keywords: [woningbouw, nieuwbouw]
      - id: dakloosheid
        label: het voorkomen van dakloosheid
        keywords: [dakloosheid, maatschappelijke opvang]
  - id: ruimtevaart
    label: Ruimtevaart en sterrenkunde
    description: Satellieten, raketten en het heelal.
    keywords: [satellieten, raketten, heelal, sterrenkunde]
    aspects:
      - id: lanceren
        label: eigen raketlanceringen
        keywords: [raketten, lanceerplaats]
"""

DOCUMENT = """\
1. Veiligheid

Digitale veiligheid

Criminelen werken steeds vaker online. Het aantal aanvallen met gijzelsoftware groeit elk jaar.

• We investeren in de aanpak van cybercriminaliteit bij de politie. Daarom komt er een nieuw landelijk cyberteam.
• Er komt een meldpunt voor ransomware bij het Digital Trust Center, zodat bedrijven aanvallen snel kunnen melden.
• We investeren in de aanpak van cybercriminaliteit bij de politie en daarom komt er een nieuw landelijk cyberteam.

Sport

• We stimuleren sport en bewegen in de wijk, samen met verenigingen.

2. Wonen

Woningbouw

De wachtlijsten voor huurwoningen zijn lang. Veel starters vinden geen woning.

• We bouwen 100.000 betaalbare woningen per jaar. De woningbouw versnellen we met een bouwfonds.
• Er komen extra plekken in de maatschappelijke opvang om dakloosheid te voorkomen.
• Het kabinet gaat de huurwoningen beter beschermen tegen opkopers.
"""


def framework() -> Framework:
    return parse_framework(FRAMEWORK_YAML, "proef.yaml")
