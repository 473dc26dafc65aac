"""Printed text of the four forms (titles, guidance) and a pool of answer sentences.

The guidance is the form's own wording as the seeds show it; a correct tool
must keep it apart from the municipality's answers, so it is kept here,
separate from the generated answers.
"""

# --- arsrapport_2012 -------------------------------------------------------

ARS2012_INTRO = [
    ("Årsrapportering", None),
    ("Formål:", "Rapporteringen skal: dokumentere og formidle resultater og metodikk i Boligsosialt "
     "utviklingsprogram overfor oppdragsgivere lokalt og sentralt, andre kommuner og aktører utenfor "
     "programmet være et styringsverktøy og dokumentasjonsgrunnlag for drøfting av strategivalg, "
     "framdrift og økonomi mellom oppdragsgivere og programledelse lokalt i den enkelte kommune og "
     "sentralt i Husbanken."),
    ("Frist:", "Årsrapportering leveres 28.02 hvert år."),
    ("Innhold:", "Årsrapporteringen omfatter rapportering på programmets hovedmål, delmål og lokale mål. "
     "Rapporteringen gjelder for programåret."),
]

HOUSEHOLD_EXPLANATIONS = {
    "A": "Dette omfatter husstander som bor ute, bor i akutt- og døgnovernatting, bor i krisesenter, bor i "
         "gjennomgangsbolig (midlertidig bolig), skal utskrives fra institusjon eller løslates fra fengsel "
         "innen 2. mnd., bor hos venner og kjente. ( Jfr. kategorier for kartlegging av bostedsløse og "
         "vanskeligstilte.)",
    "B": "Dette omfatter husstander som er begjært utkastet, er uten gyldig leiekontrakt, har for høye "
         "boutgifter. ( Jfr. kategorier for kartlegging av bostedsløse og vanskeligstilte.)",
    "C": "Dette omfatter husstander som bor i boliger med dårlig fysisk standard, som bor i boliger som ikke "
         "er utformet etter deres spesielle behov, eller som bor i for liten bolig. ( Jfr. kategorier for "
         "kartlegging av bostedsløse og vanskeligstilte.)",
}

HOUSEHOLD_LABELS = {
    "A": "Antall husstander uten eid eller leid bolig",
    "B": "Antall husstander med fare for å miste boligen",
    "C": "Antall husstander med uegnet bolig",
    "barnefamilier": "Antall barnefamilier med boligbehov",
}

BARNEFAMILIER_NOTE = "Gjelder samlet antall husstander i alle boligsituasjoner (A, B og C.)"

COMMENT_HEADER_HELP = (
    "Opplysninger knyttet til behov og resultater som belyser tallmaterialet nærmere, eksempelvis om det "
    "er spesielle målgrupper kommunen har prioritert.. Her kan også inngå forklaringer på eventuell "
    "usikkerhet ved tallene, eller årsakssammenhenger."
)
RESULT_HEADER = "Resultat: Antall husstander som har fått egnet bolig i løpet av året"

SAMLET_11 = ("Samlet resultat innenfor 1.1. Vurder samlet resultatoppnåelse i lys av overordna mål og "
             "strategier for boligsosialt utviklingsprogram: Er det spesielle tiltak/virkemidler som har "
             "bidratt til flere egnede boliger?")

Q_12 = ("1.2 Kvalitet på boliger, bomiljø og bo oppfølging",
        "* Økt boligkvalitet * Bedre bomiljø *Økt kvalitet på bistand til boligsøkere og beboere",
        "Beskriv innsats og resultatoppnåelse innenfor ett eller flere av målområdene over som er spesielt "
        "relevant for kommunen Dette kan være: Fysisk opprusting av boligmassen og forbedring fellesareal og "
        "uterom. Lokalisering/integrering av botilbud i egnede bomiljø.")

DELMAL = [
    ("Delmål A", "Det boligsosiale arbeidet er kunnskapsbasert, utviklingsrettet, og av høy faglig kvalitet", [
        ("A.1.", "Kunnskap om boligbehov", "Beskriv innsats og resultatoppnåelse Dette kan være kommunens arbeid "
         "med å få bedre oversikt over boligbehov, eks systemer for å kartlegge vanskeligstilte gruppers boligbehov:"),
        ("A.2.", "Kunnskap om virkemidler", "Beskriv innsats og resultatoppnåelse Dette kan være kompetanseheving "
         "om statlige og kommunale virkemidler, rutiner for informasjon om virkemidlene:"),
        ("A.3.", "Kompetanse og metodeutvikling", "Beskriv innsats og resultatoppnåelse Dette kan være "
         "opplæring, kurs, nettverk og utvikling av nye arbeidsmetoder:"),
        ("A.4.", "Annet utviklingsarbeid", "Beskriv innsats og resultatoppnåelse i programåret"),
    ]),
    ("Delmål B", "Det boligsosiale arbeidet er godt forankret og gjennomført med aktiv samhandling med brukere "
     "og eksterne samarbeidsaktører", [
        ("B.1.", "Forankret boligsosialt arbeid på strategisk og operativt nivå", "Beskriv innsats og "
         "resultatoppnåelse Dette kan være i form av integrering av mål, strategier og tiltak i boligsosialt "
         "arbeid inn i formelle plandokumenter og budsjetter"),
        ("B.2.", "Klargjort ansvar-, rolle- og oppgaveplassering på strategisk og operativt nivå.",
         "Beskriv innsats og resultatoppnåelse Dette kan være ulike former for organisatoriske og andre "
         "-tiltak for å oppnå en bedre og mer helhetlig boligsosial innsats."),
        ("B.3.", "Internt og eksternt samarbeid", "Beskriv innsats og resultatoppnåelse Dette kan være "
         "samarbeid med, andre kommuner, brukere og frivillige organisasjoner, andre statlige aktører, "
         "private aktører og/eller annet."),
        ("B.4.", "Annet arbeid med forankring- og samarbeid", "Beskriv innsats og resultater i programåret "
         "innenfor ett eller flere av de målområdene over som er spesielt relevant for kommunen"),
    ]),
]

DELMAL_C = ("Delmål C", "Det boligsosiale arbeidet er planlagt og gjennomført med effektiv bruk av virkemidler")

C1_ROWS = [
    ("startlan_fullfinansiert", "Antall fullfinansierte boligkjøp med startlån"),
    ("startlan_fastrente", "Herav antall med fastrente"),
    ("startlan_samfinansiert", "Antall boligkjøp hvor startlån utgjør del av finansiering (samfinansierte boligkjøp)"),
    ("startlan_med_boligtilskudd", "Antall boligkjøp med startlån, boligtilskudd"),
    ("startlan_leie_til_eie", "Antall startlån som har muliggjort overgang fra kommunalt disponert bolig til egen eid bolig"),
    ("tilskudd_tilpasning", "Antall tilskudd til tilpasning, ev. sammen med startlån, benyttet til private boliger"),
    ("bostotte_mottakere", "Antall bostøttemottakere"),
]
C2_ROWS = [
    ("kommunale_boliger", "Antall kommunalt disponerte boliger"),
    ("boliger_boligtilskudd", "Antall fremskaffede kommunalt disponerte boliger med tilsagn om boligtilskudd"),
    ("boliger_investeringstilskudd", "Antall fremskaffede kommunalt disponerte boliger med tilsagn om investeringstilskudd"),
    ("nye_soknader_kommunal_bolig", "Antall nye søknader om kommunalt disponerte boliger"),
    ("nye_tildelinger_kommunal_bolig", "Antall nye tildelinger av kommunal utleiebolig"),
]

C3 = ("C.3", "Samlet/helhetlig resultatoppnåelse", "Vurder resultatoppnåelse i lys av mål og strategier i lokalt "
      "programarbeid Aktuelle problemstillinger kan eksempelvis være: Er enkelte målgrupper spesielt prioritert "
      "for virkemidlene? Har bruk av boligvirkemidler gitt redusert utgifter til sosialhjelp, hospitsovernatting mv?")

LOKALE = [
    ("3.1", "Gjeldende mål og ev. strategier", "Oppgi mål og ev. strategier iht. til aktuell programplan"),
    ("3.2.", "Innsats og måloppnåelse", "Beskriv og vurder måloppnåelse og ev. avvik i planer"),
]

LAERING_41 = [
    ("A.", "Hva har i størst grad bidratt til måloppnåelse i arbeidet som har overføringsverdi til andre kommuner?",
     "Beskriv forhold som har vært særlig viktige for måloppnåelsen. Dette kan være knyttet til aktiviteter, "
     "metoder, ledelse, samarbeid, økonomi o.l."),
    ("B.", "Hvordan er resultater og erfaringer fra programarbeidet formidlet og delt internt?",
     "Beskriv forhold som har vært særlig viktige i arbeidet"),
    ("C.", "Hvordan er resultater og erfaringer fra programarbeidet formidlet eksternt?",
     "Beskriv forhold som har vært særlig viktige i arbeidet"),
    ("D.", "Er det barrierer som har vært til hinder for høyere/raskere måloppnåelse?",
     "Beskriv eventuelle barrierer i forhold til eksterne samarbeidsparter, herunder statlige aktører, "
     "Husbankens virkemidler og lignende"),
]
LAERING_42 = [
    ("A.", "Hva er gjort for å oppnå forankring og tydeliggjøring av boligsosialt arbeid på strategisk og "
     "operativt nivå etter avsluttet programperiode?"),
    ("B.", "Hva er gjort for å ha oppdatert kunnskapsgrunnlag om boligbehov etter avsluttet programperiode?"),
    ("C.", "Hva er gjort for å sikre et oppdatert kunnskapsgrunnlag om bruk av boligsosiale virkemidler etter "
     "avsluttet programperiode?"),
    ("D.", "Hva er gjort for å sikre forankret og planmessig kompetanseheving internt?"),
    ("E.", "Hva er gjort for å sikre god samhandling internt og eksternt?"),
]

BUDGET_HEADER = ["Aktivitet", "Regnskap", "Budsjett", "Tilskudd fra HB (kompetansetilskudd)",
                 "Egen finansiering kommunen", "Annen finansiering", "TOTALT", "Avvik (+/-)"]

# --- ars_halvar_2011 -------------------------------------------------------

AH_PURPOSE = (
    "Formålet med rapporteringen Oppfølging av samarbeidsavtalen og programplanen for å dokumentere mål- og "
    "resultatoppnåelse i boligsosialt utviklingsprogram Kunnskapsbasert saksgrunnlag for rapportering til "
    "oppdragsgivere lokalt og sentralt (kommunen og Husbanken)"
)
AH_HALV = ("Halvårsrapportering", "Rapportering på status på program- og aktivitetsplanen etter første halvår "
           "Halvårsrapporteringen er utgangspunkt for møtet mellom programansvarlig og programleder i kommunen og "
           "programledelsen i Husbanken i september/oktober. Leveres 31.08 hvert år.")
AH_ARS = ("Årsrapportering", "Årsrapporteringen er utgangspunktet for møtet mellom ledelsen (politisk/administrativ) "
          "i kommunen og Husbanken Leveres 31.01. hvert år.")
AH_ACTIVITY_HEADER = [
    "Aktivitet", "Hva skal vi gjøre konkret for å nå målet?", "Resultat",
    "Status for aktiviteten: nytt (n), videreført (v), gjennomført (g) eller avviklet (a)",
    "Status framdrift i prosent", "Avvik", "Begrunnelse",
]
AH_LEGEND = "Nytt tiltak (n), videreført (v), gjennomført (g), avviklet (a)"
AH_31 = ("3.1 Formidling av erfaringer og eksempler på godt arbeid (synliggjøring av taus kunnskap)",
         "Mye av det som skjer innen boligsosialt arbeid kan vanskelig måles, men formidling av erfaringer "
         "gjennom gode eksempler kan illustrere hvilke resultater og effekter som kan oppnås. Fortell et par case "
         "fra ditt arbeid i en slik form at de kan publiseres på våre nettsider og presenteres til programmets "
         "oppdragsgivere.")

# --- halvar_sor_2012 -------------------------------------------------------

HS_INTRO = (
    "Formålet med rapporteringen Dokumentere mål- og resultatoppnåelse i boligsosialt utviklingsprogram. "
    "Kunnskapsbasert grunnlag for rapportering til oppdragsgivere. Rapporteringsmal Denne malen har bl.a. "
    "tatt utgangspunkt i skjemaet for påmelding til boligsosialt utviklingsprogram. Leveres 20.06. og 20.12. "
    "hvert år."
)
HS_MAIN_GOALS = [
    "Økt forebygging og bekjempelse av bostedsløshet",
    "Økt boligsosial kompetanse i kommunene",
    "Økt boligsosial aktivitet i kommunene",
]
HS_ORG_PROMPT = ("Beskriv måten programarbeidet er organisert på med et organisasjonskart som viser de ulike "
                 "delprosjektene og rapporteringsvei. Roller og oppgaver beskrives kort.")
HS_PARTNER_PROMPT = ("Gi en oversikt over hvilke faginstanser og aktører som deltar og på hvilken måte er de "
                     "involvert. Sett kryss i ruten der det passer.")
HS_PARTNERS_KOMMUNAL = ["Sentraladministrasjon", "Planseksjon", "Boligforvaltning", "Psykiatritjeneste",
                        "Rustjeneste", "Barneverntjeneste", "Helsetjeneste", "Sosialtjeneste/NAV",
                        "Utekontakt e.l.", "Oppfølgingstjenesten"]
HS_PARTNERS_EKSTERN = ["Helseforetak rus", "Helseforetak psykiatri", "Namsmyndighet", "Politi", "Fylkesmann",
                       "Kriminalomsorg", "Frivillige organisasjoner", "Boligbyggelag", "Private utleiere", "Andre"]
HS_PARTICIPATION = ["Formell deltakelse", "Aktiv deltakelse", "Blir informert", "Ingen deltakelse"]
HS_USER_PROMPT = ("Beskriv hvem som er brukere (målgrupper) og beskriv hvordan dere involverer disse i "
                  "programmet og delprosjektene.")
HS_SUCCESS_PROMPT = ("Formidling av erfaringer gjennom gode eksempler kan illustrere hvilke resultater og effekter "
                     "som oppnås. Beskriv en eller to suksesshistorier fra siste halvår i en slik form at teksten "
                     "kan publiseres på våre nettsider og presenteres til programmets oppdragsgivere.")
HS_RESOURCE_ROWS = ["Tilsagn om kompetansetilskudd", "Utbetalt beløp", "Kommunal egenfinansiering",
                    "Totalt forbruk per dato"]

# --- answer sentences ------------------------------------------------------

SENTENCES = [
    "Det er etablert en tverrfaglig arbeidsgruppe med representanter fra NAV, boligkontoret og rustjenesten.",
    "Arbeidet med kartlegging av boligbehov ble gjennomført høsten, og resultatene er presentert for styringsgruppen.",
    "Kommunen har vedtatt en boligsosial handlingsplan som gir retning for arbeidet de neste fire årene.",
    "Startlån er i større grad tatt i bruk overfor barnefamilier som leier kommunal bolig.",
    "Samarbeidet med Husbanken oppleves som svært positivt og bidrar til økt kompetanse i organisasjonen.",
    "Det har vært utfordrende å rekruttere personell til oppfølgingstjenesten, og tiltaket er derfor forsinket.",
    "Boligkontoret har utarbeidet nye rutiner for tildeling av kommunale boliger.",
    "Flere leietakere i kommunale boliger har fått veiledning om muligheten for å kjøpe egen bolig.",
    "Programleder har deltatt i regionalt nettverk for programkommunene, som møtes hver tredje måned.",
    "Brukerorganisasjonene er invitert til å delta i referansegruppen for delprosjektene.",
    "Det er inngått avtale med private utbyggere om kjøp av seks leiligheter som ferdigstilles neste år.",
    "Erfaringene fra prosjektet «Fra leie til eie» er formidlet på fagdag for ansatte i helse og omsorg.",
    "Antall utkastelser er redusert etter at det ble etablert et tettere samarbeid med namsmannen.",
    "Kommunen har søkt Husbanken om kompetansetilskudd til et forprosjekt om boveiledning.",
    "Det er fortsatt usikkerhet knyttet til tallgrunnlaget, da registreringen i fagsystemet ikke er komplett.",
    "Økonomisk rådgivning tilbys nå som en fast tjeneste i NAV-kontoret.",
    "Styringsgruppen har behandlet statusrapporten og sluttet seg til de foreslåtte endringene i aktivitetsplanen.",
    "Bomiljøarbeideren har hatt jevnlige møter med beboerne i de største kommunale boligområdene.",
    "Det er utarbeidet en oversikt over alle kommunalt disponerte boliger med standard og beliggenhet.",
    "Vi ser at tidlig kontakt med husstander som har husleierestanser gir færre begjæringer om utkastelse.",
    "Planarbeidet er samordnet med rullering av kommuneplanens samfunnsdel.",
    "Midlertidig botilbud benyttes i mindre grad enn før, og ingen barnefamilier har bodd på hospits i år.",
    "Tiltaket videreføres i ordinær drift fra neste år, finansiert over kommunens budsjett.",
    "Kompetansehevingen har bestått av kurs i bostøtte, startlån og tilskudd for saksbehandlere.",
]

TITLE_IDEAS = [
    "Ny organisering og drift av boligforvaltningsenhet i {k} kommune",
    "Fra leie til eie i {k}",
    "Bolig for velferd – helhetlig boligsosialt arbeid i {k}",
    "Egen og egnet bolig – velferdsgode og velferdsarena",
    "Boligsosialt utviklingsprogram i {k} kommune 2011–2014",
    "Helhetlig boligkjede for vanskeligstilte i {k}",
    "Trygg bolig – trygt liv",
    "Boligkontoret i {k} – samordnet boligtildeling",
]

PROGRAMME_NAMES = [
    "Boligsosialt utviklingsprogram i {k} kommune",
    "Egen og egnet bolig – velferdsgode og velferdsarena",
    "TAK på eget liv",
    "Bolig for alle i {k}",
    "Alle skal bo godt og trygt",
    "Fra bostedsløs til beboer",
    "{k} har hjerterom!",
    "Veien til egen bolig",
]

# --- bullet lists and hyphenated compounds in answers ---------------------

LIST_INTROS = [
    "Tiltakene i perioden har vært:",
    "Arbeidet har særlig omfattet:",
    "Følgende er gjennomført:",
    "Viktige erfaringer så langt:",
]
BULLETS = [
    "kartlegging av boligbehov i NAV, boligkontoret og rustjenesten",
    "egen saksbehandler for startlån og tilskudd",
    "faste møter mellom helse- og omsorgstjenesten og boligkontoret",
    "felles rutiner for tildeling av kommunale boliger",
    "tett oppfølging av leietakere med husleierestanser",
    "boveiledning i samarbeid med rus- og psykiatritjenesten",
    "informasjon om bostøtte og startlån på kommunens nettsider",
    "kompetanseheving for ansatte i bo- og oppfølgingstjenesten",
    "samarbeidsavtale med namsmannen om varsling ved begjæring om utkastelse",
    "etablering av en boligsosial koordinatorstilling",
]
HYPHEN_SENTENCES = [
    "Helse- og omsorgstjenesten deltar fast i boligtildelingsutvalget.",
    "Rus- og psykiatritjenesten har fått to nye stillinger som boveiledere.",
    "Bo- og oppfølgingstjenesten er samlet i én enhet fra 1. januar.",
    "Det er laget en felles plan for bolig- og tjenestetilbudet til personer med rus- og psykiske lidelser.",
    "Kommunen har styrket samarbeidet med helse- og omsorgstjenesten om utskrivning fra institusjon.",
]
