"""Reports of one invented event (a ferry fire in the harbour town of Port Calder) in English, French and German,
and of another in Chinese and Arabic, written for the tests of issue 3 (languages): the English story must hold no
English-model junk from the others, which stay its sources."""
from __future__ import annotations

import json
from pathlib import Path

ENGLISH = [
    {"id": "herald", "outlet": "Calder Herald", "published": "2026-05-12T18:00:00+01:00",
     "title": "Ferry fire in Port Calder harbour kills three",
     "text": "A fire broke out on the passenger ferry Northern Star in Port Calder harbour on Tuesday morning, "
             "killing three crew members and injuring 21 passengers, the coastguard said. Harbour master Fiona "
             "Grant said the blaze started in the engine room shortly after the ferry left the quay. \"The crew "
             "got every passenger into the lifeboats within ten minutes,\" Grant told reporters. The ferry, built "
             "in 1994, passed its last safety inspection in March. Investigators from the Marine Accident Bureau "
             "arrived on Wednesday."},
    {"id": "coast", "outlet": "Coast News", "published": "2026-05-12T19:30:00+01:00",
     "title": "Three dead as Northern Star ferry burns off Port Calder",
     "text": "Three crew members died when fire swept through the ferry Northern Star as it left Port Calder "
             "harbour on Tuesday. Twenty-one passengers were taken to hospital, most with smoke injuries. Harbour "
             "master Fiona Grant praised the crew for getting passengers into lifeboats quickly. The Marine "
             "Accident Bureau said its investigators would reach Port Calder on Wednesday."},
    {"id": "wire", "outlet": "Metro Wire", "published": "2026-05-12T21:00:00+01:00",
     "title": "Engine room fire on Port Calder ferry leaves three crew dead",
     "text": "A fire in the engine room of the ferry Northern Star killed three crew members in Port Calder "
             "harbour on Tuesday, the coastguard said. Twenty-one passengers were hurt. The harbour master, Fiona "
             "Grant, said all passengers had been evacuated into lifeboats. The ferry was built in 1994."},
]
FRENCH = {"id": "fr-ouest", "outlet": "Ouest Matin", "published": "2026-05-13T08:00:00+02:00",
          "title": "Incendie d'un ferry à Port Calder : trois morts",
          "text": "Un incendie s'est déclaré mardi matin à bord du ferry Northern Star dans le port de Port Calder, "
                  "faisant trois morts parmi l'équipage et vingt et un blessés parmi les passagers, selon les "
                  "garde-côtes. « L'équipage a mis tous les passagers dans les canots en dix minutes », a déclaré "
                  "la capitaine du port Fiona Grant. Le navire, construit en 1994, avait passé sa dernière "
                  "inspection en mars. Les enquêteurs du bureau des accidents maritimes sont arrivés mercredi."}
GERMAN = {"id": "de-kurier", "outlet": "Hafen Kurier", "published": "2026-05-13T09:00:00+02:00",
          "title": "Fährbrand in Port Calder: drei Tote",
          "text": "Im Hafen von Port Calder ist am Dienstagmorgen auf der Fähre Northern Star ein Feuer "
                  "ausgebrochen. Drei Besatzungsmitglieder kamen ums Leben, einundzwanzig Passagiere wurden "
                  "verletzt, teilte die Küstenwache mit. Hafenmeisterin Fiona Grant sagte, das Feuer sei im "
                  "Maschinenraum ausgebrochen. Die Fähre aus dem Jahr 1994 war im März zuletzt geprüft worden. Die "
                  "Ermittler der Behörde für Seeunfälle trafen am Mittwoch ein."}
SPANISH = {"id": "es-diario", "outlet": "Diario del Puerto", "published": "2026-05-13T10:00:00+02:00",
           "title": "Incendio en un ferry en Port Calder: tres muertos",
           "text": "Un incendio se declaró el martes por la mañana a bordo del ferry Northern Star en el puerto de "
                   "Port Calder y causó la muerte de tres tripulantes, según la guardia costera. Veintiún pasajeros "
                   "resultaron heridos. La capitana del puerto, Fiona Grant, dijo que el fuego empezó en la sala de "
                   "máquinas. El barco, construido en 1994, pasó su última inspección en marzo."}
CHINESE = {"id": "zh-daily", "outlet": "港口日报", "published": "2026-06-02T08:00:00+08:00",
           "title": "南方港口仓库起火 两人受伤",
           "text": "据消防部门称，南方港口的一座仓库于周一晚间起火，两名工人受伤，被送往医院治疗。大火持续了三个小时才被扑灭。"
                   "港口管理局表示，起火原因正在调查之中，港口的其他区域照常运营。"}
ARABIC = {"id": "ar-news", "outlet": "أخبار الميناء", "published": "2026-06-02T10:00:00+03:00",
          "title": "حريق في مستودع بميناء الجنوب وإصابة عاملين",
          "text": "اندلع حريق في مستودع بميناء الجنوب مساء الاثنين، ما أسفر عن إصابة عاملين نقلا إلى المستشفى، "
                  "بحسب الدفاع المدني. واستمر الحريق ثلاث ساعات قبل إخماده. وقالت سلطة الميناء إن سبب الحريق "
                  "قيد التحقيق."}
FOREIGN_WORDS = ("incendie", "Feuer", "Jahr", "équipage", "Besatzung", "mercredi", "Mittwoch", "Fähre", "incendio",
                 "muerte", "barco")


def write_jsonl(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)
