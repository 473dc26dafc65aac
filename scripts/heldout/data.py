"""Invented but realistic content for the held-out report set: municipalities
(with the SSB numbers valid 2009-2016 and today), people, programme names and
the free text that fills the forms. Written for this set from the specs, not
taken from the benchmark or the project's fixtures."""

# name, number in the report years, county then, number today, districts (Oslo only)
MUNICIPALITIES = [
    ("Skien", "0806", "Telemark", "4003", None),
    ("Porsgrunn", "0805", "Telemark", "4001", None),
    ("Notodden", "0807", "Telemark", "4005", None),
    ("Arendal", "0906", "Aust-Agder", "4203", None),
    ("Grimstad", "0904", "Aust-Agder", "4202", None),
    ("Horten", "0701", "Vestfold", "3901", None),
    ("Sandefjord", "0706", "Vestfold", "3907", None),
    ("Nøtterøy", "0722", "Vestfold", "3911", None),
    ("Kongsberg", "0604", "Buskerud", "3303", None),
    ("Ringerike", "0605", "Buskerud", "3305", None),
    ("Lier", "0626", "Buskerud", "3312", None),
    ("Elverum", "0427", "Hedmark", "3420", None),
    ("Stange", "0417", "Hedmark", "3413", None),
    ("Ullensaker", "0235", "Akershus", "3209", None),
    ("Skedsmo", "0231", "Akershus", "3205", None),
    ("Ski", "0213", "Akershus", "3207", None),
    ("Vennesla", "1014", "Vest-Agder", "4223", None),
    ("Søgne", "1018", "Vest-Agder", "4204", None),
    ("Farsund", "1003", "Vest-Agder", "4206", None),
    ("Bergen", "1201", "Hordaland", "4601", None),
    ("Trondheim", "1601", "Sør-Trøndelag", "5001", None),
    ("Stavanger", "1103", "Rogaland", "1103", None),
    ("Tromsø", "1902", "Troms", "5501", None),
    ("Bodø", "1804", "Nordland", "1804", None),
    ("Alta", "2012", "Finnmark", "5601", None),
    ("Oslo", "0301", "Oslo", "0301", ["Alna", "Grorud", "Søndre Nordstrand", "Gamle Oslo", "Stovner"]),
]

FIRST = ["Kari", "Ingrid", "Marit", "Hege", "Tone", "Liv", "Randi", "Gunnhild", "Torunn", "Synnøve",
         "Bjørg", "Åshild", "Øyvind", "Håkon", "Pål", "Knut", "Geir", "Trond", "Jørund", "Eirik",
         "Arild", "Terje", "Frode", "Bård", "Ståle", "Anne-Kari", "Per Olav", "Mari-Ann", "Ørjan",
         "Kjersti", "Sigrun", "Tormod", "Ågot", "Lars Erik"]
LAST = ["Haugen", "Johansen", "Bakke", "Kristiansen", "Solberg", "Strand", "Moen", "Lie", "Lunde",
        "Aas", "Sæterdal", "Fjeld", "Rønning", "Kvåle", "Ødegaard", "Holte", "Brekke", "Tveit", "Næss",
        "Grønvold", "Løken", "Bråten", "Kolstø", "Vikøren", "Thorsen", "Hølland", "Bjørnstad", "Ås"]

TITLES = ["Kommunalsjef", "Rådmann", "Helse- og sosialsjef", "Kommunaldirektør", "Enhetsleder",
          "Assisterende rådmann"]

PROGRAMME_NAMES = [
    "Et trygt sted å bo", "Bolig – grunnmur for velferd", "Alle skal bo godt", "Fra hospits til hjem",
    "Boligsosialt løft {m}", "Veien til egen bolig", "Godt hjem", "Bo og leve i {m}",
    "Boligsosialt utviklingsprogram i {m} kommune", "Sammen om bolig", "Egen bolig – eget liv",
    "Trygg bolig, bedre liv",
]

SLUTT_TITLES = [
    "Boligkontor under ett tak", "Fra midlertidig til varig bolig", "Boveiledning i {m}",
    "Helhetlig boligtildeling", "Leie før eie", "Flere eier egen bolig", "Ny boligsosial organisering",
    "Bo trygt i {m}", "Bostedsløse skal få bolig",
]

AREAS = [
    "Boligtilbud og boligetablering", "Tjenester i bolig", "Styring og organisering",
    "Kompetanse og kunnskap", "Forebygging av bostedsløshet", "Bosetting av flyktninger",
    "Barnefamilier i kommunale boliger",
]

# (activity, plan, result)
ACTIVITIES = [
    ("Etablere boligkontor", "Samle tildeling, forvaltning og oppfølging i én enhet.",
     "Boligkontoret åpnet i mars med fire årsverk."),
    ("Kartlegge bostedsløse", "Gjennomføre egen kartlegging etter NIBRs definisjoner i uke 48.",
     "Kartleggingen viste 34 bostedsløse, mot 41 året før."),
    ("Boveiledertjeneste", "Ansette to boveiledere og lage rutiner for oppfølging i bolig.",
     "To boveiledere ansatt fra august; 22 husstander følges opp."),
    ("Startlån til unge", "Bruke startlån aktivt overfor unge i etableringsfasen.",
     "Utlånsrammen er økt med 15 millioner kroner."),
    ("Husleiegaranti", "Tilby garanti i stedet for depositum til leietakere i det private markedet.",
     "Ordningen er brukt av NAV i 37 saker."),
    ("Revidere boligsosial handlingsplan", "Revidere handlingsplanen og legge den fram for bystyret.",
     "Planen ble vedtatt i bystyret i november."),
    ("Brukerråd", "Opprette brukerråd med deltakere fra brukerorganisasjonene.",
     "Brukerrådet har hatt tre møter."),
    ("Bomiljøarbeid", "Ansette bomiljøarbeider i de største kommunale bygårdene.",
     "Færre naboklager; bomiljøarbeider er ansatt i halv stilling."),
    ("Opplæringsplan", "Utarbeide opplæringsplan i Husbankens virkemidler for saksbehandlere.",
     "Opplæringsplanen er klar, og første kurs ble holdt i oktober."),
    ("Felles tildelingsmøte", "Innføre felles tildelingsmøte for kommunale boliger hver fjortende dag.",
     "Tildelingsmøtet er i fast drift."),
    ("Ungdomsboliger", "Bygge åtte ungdomsboliger med oppfølging.",
     "Tomt er avklart; byggestart er utsatt til våren."),
    ("Økonomisk rådgivning", "Styrke gjeldsrådgivningen i NAV-kontoret.",
     "Ventetiden er redusert fra åtte til tre uker."),
    ("Redusere bruk av hospits", "Finne varige løsninger for dem som bor i hospits og campinghytter.",
     "Ingen barnefamilier i midlertidig botilbud over tre måneder."),
    ("Elektronisk søknad", "Innføre elektronisk søknad om kommunal bolig.",
     "Løsningen er testet og tas i bruk i januar."),
    ("Samarbeid med private utleiere", "Inngå avtaler om formidling av private utleieboliger.",
     "Avtale med to utleiefirma; elleve husstander er bosatt."),
    ("Salg av kommunale boliger til leietakere", "Tilby leietakere å kjøpe boligen de bor i med startlån.",
     "Seks leiligheter solgt til leietakerne."),
]

DEVIATIONS = [
    ("Forsinket ca. tre måneder", "Stillingen sto vakant i vår."),
    ("Ikke startet", "Avventer budsjettvedtak i desember."),
    ("Redusert omfang", "Tilskuddet ble lavere enn det vi søkte om."),
    ("Utsatt", "Prioritert ned av styringsgruppen."),
]

GOAL_SUB = [
    "Antall bostedsløse er redusert med 30 prosent",
    "Ingen barnefamilier bor i midlertidig botilbud",
    "Flere leietakere i kommunale boliger kjøper egen bolig",
    "Kommunen har en boligsosial handlingsplan som følges opp årlig",
    "Ansatte i NAV og boligkontoret kjenner Husbankens virkemidler",
    "Alle vedtak om kommunal bolig fattes i felles tildelingsmøte",
    "Det finnes et fast tilbud om oppfølging i bolig",
    "Antall utkastelser er halvert",
    "Unge under 25 år får hjelp til å etablere seg i egen bolig",
    "Boligbehovet er kartlagt og oppdateres hvert år",
    "Leietakere med store oppfølgingsbehov får et koordinert tilbud",
    "Kommunen bruker startlån aktivt overfor barnefamilier",
    "Det er etablert en felles inngang for alle som søker bolig",
    "Flyktninger bosettes i ordinære boliger innen seks måneder",
]

GOAL_RESULTS = [
    "I rute", "Delvis nådd", "Nådd", "Ikke startet", "Arbeidet pågår, rapport kommer i høst.",
    "Tildelingsmøtet har vært i drift siden februar.", "Handlingsplanen er vedtatt.",
    "Tallene for 2012 er ikke klare ennå.", "Ni leietakere har kjøpt boligen sin.",
]

SLUTT_STATUS = ["Nådd", "Delvis nådd", "Ikke nådd", "Videreføres i ordinær drift", "Nådd – videreført i drift",
                "Under arbeid"]

HUSBANK_MAIN = [
    "Økt forebygging og bekjempelse av bostedsløshet",
    "Økt boligsosial kompetanse i kommunene",
    "Økt boligsosial aktivitet i kommunene",
]

FILLER = [
    "Arbeidet i perioden har i stor grad handlet om å få på plass rutiner for samarbeid mellom "
    "boligkontoret, NAV og helse- og omsorgstjenestene.",
    "Styringsgruppen har hatt fire møter i perioden og har fulgt opp framdriften i delprosjektene.",
    "Programmet er forankret i kommuneplanens samfunnsdel og i økonomiplanen for de neste fire årene.",
    "Erfaringene fra arbeidet er presentert i kommunestyret og på regionale samlinger i regi av Husbanken.",
    "Det har vært utskiftninger i programgruppen, men arbeidet har likevel gått i tråd med planen.",
    "Brukerne er trukket inn gjennom brukerrådet og gjennom intervjuer med leietakere i kommunale boliger.",
    "Vi ser at det tar tid å endre arbeidsmåter, men samarbeidet på tvers av tjenestene er tydelig bedre enn før.",
    "Kommunen har i perioden kjøpt tolv nye utleieboliger og solgt fem som ikke var egnet.",
]

PARTNERS_KOMMUNAL = ["Sentraladministrasjon", "Planseksjon", "Boligforvaltning", "Psykiatritjeneste",
                     "Rustjeneste", "Barneverntjeneste", "Helsetjeneste", "Sosialtjeneste/NAV", "Utekontakt"]
PARTNERS_EKSTERN = ["Oppfølgingstjenesten", "Helseforetak rus", "Helseforetak psykiatri", "Namsmyndighet",
                    "Politi", "Fylkesmann", "Kriminalomsorg", "Frivillige organisasjoner", "Boligbyggelag",
                    "Private utleiere", "Andre"]

BUDGET_ACTIVITIES = [
    "Programledelse og kompetanseutvikling", "Kartlegging av boligbehov", "Boveiledning",
    "Boligskole", "Leie til eie", "Bomiljøtiltak", "Evaluering og formidling", "Brukermedvirkning",
]

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]
