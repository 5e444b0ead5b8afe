"""Words that may follow a figure without changing it: the measure's nouns, in seven languages.

The count grammar accounts for every word of a text: each is read by the grammar or is listed
here (or in a policy's ``words``). A word that is in neither ("more", "maybe", "tysięcy") makes
the text a refusal, because a word the reader does not know may change the figure. The list
is deliberately of *kinds of words that cannot change a number*: nouns for people, forces and
things counted, the participles that say what happened to them, their common adjectives, and
the articles, prepositions and auxiliaries that join them. Words that can change a number
("more", "other", "each", "per", "odd", "extra", "maybe", "times", scale words) are never
listed. docs/values.md says how to add words for another language.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction


def split_words(text: str) -> list[str]:
    """The words of a table written as one string (tables of words read better than lists)."""
    return text.split()


def _words(text: str) -> frozenset[str]:
    return frozenset(split_words(text))


#: Folded words that do not change the figure they follow.
TRAILING_WORDS: frozenset[str] = _words(
    # English: people and forces
    """people persons person civilians civilian soldiers soldier troops troop fighters fighter
    militants militant rebels rebel insurgents insurgent combatants combatant jihadists jihadist
    terrorists terrorist gunmen gunman attackers attacker assailants assailant men man women
    woman children child kids boys girls members member officers officer officials official
    police policemen policeman gendarmes gendarme servicemen serviceman personnel staff guards
    guard peacekeepers peacekeeper mercenaries mercenary militiamen militia militias
    recruits volunteers crew crewmen pilots pilot workers worker migrants migrant refugees
    refugee residents resident inhabitants villagers villager herders herder pastoralists
    students pupils teachers doctors journalists journalist aid humanitarian humanitarians
    elders leaders leader commanders commander chiefs prisoners prisoner hostages hostage
    detainees detainee captives captive deserters defectors casualties casualty victims victim
    fatalities fatality deaths death dead bodies body corpses lives souls individuals
    individual adults adult infants babies elderly army armed forces force military
    government governmental state national regular irregular security defence defense
    internally displaced idps idp survivors survivor cases case patients patient"""
    # English: what happened to them
    """ killed wounded injured hurt dead died dying murdered executed massacred slain shot
    missing disappeared captured taken abducted kidnapped arrested detained held imprisoned
    freed released liberated rescued evacuated displaced fled fleeing surrendered defected
    deployed stationed involved reported confirmed counted recorded registered identified
    buried lost destroyed damaged seized burned burnt downed hit struck affected neutralized
    neutralised seriously critically lightly badly severely"""
    # English: things counted
    """ vehicles vehicle tanks tank trucks truck pickups pickup cars car motorcycles motorbikes
    aircraft planes plane jets helicopters helicopter drones drone boats ships weapons weapon
    guns rifles artillery pieces rockets missiles shells mines bombs houses house homes home
    buildings building villages village camps camp bases base positions checkpoints posts
    armoured armored light heavy fighting combat combats siege clashes battle war occupation
    captivity detention"""
    # English: joining words
    """ the of in on at among from during near around across inside outside within by were was
    are is have has had been being be who which that whom whose their its his her our all
    including local foreign malian french"""
    # French
    """ personnes personne civils civil soldats soldat militaires militaire combattants
    combattant rebelles rebelle insurgés insurgé djihadistes djihadiste jihadistes terroristes
    assaillants hommes homme femmes femme enfants enfant membres membre policiers policier
    gendarmes agents officiers officier élus habitants habitant villageois réfugiés réfugié
    déplacés déplacé otages otage prisonniers prisonnier détenus victimes victime morts mort
    mortes morte tués tué tuées tuée blessés blessé blessées blessée disparus disparu disparues
    capturés capturé enlevés enlevé arrêtés arrêté libérés libéré décès corps vies
    armée armées forces force sécurité défense casques bleus véhicules véhicule blindés
    camions chars pick-up motos avions hélicoptères drones armes maisons bâtiments villages
    le la les l de du des d en dans au aux sur parmi lors pendant ont a été sont étaient
    était dont qui que leur leurs civile civiles maliens malien maliennes français
    armés armé armée internes côté rangs ennemi ennemis portés porté portées détruits
    détruit détruites saisis saisi saisies récupérés récupéré neutralisés neutralisé abattus
    abattu graves grave grièvement légèrement"""
    # Spanish
    """ personas persona civiles soldados soldado militares militar combatientes combatiente
    rebeldes rebelde insurgentes yihadistas terroristas hombres mujeres niños niñas miembros
    policías agentes habitantes refugiados desplazados rehenes prisioneros detenidos víctimas
    victimas muertos muerto muertas fallecidos fallecido asesinados asesinado heridos herido
    heridas desaparecidos desaparecido capturados secuestrados secuestrado arrestados
    liberados cuerpos vidas ejército fuerzas seguridad vehículos tanques camiones aviones
    helicópteros drones armas casas edificios el la los las del en entre sobre durante
    han ha fueron sido son eran que cuyo su sus armados armado"""
    # Portuguese
    """ pessoas pessoa civis soldados soldado militares militar combatentes combatente
    rebeldes insurgentes jihadistas terroristas homens mulheres crianças membros policiais
    polícias agentes habitantes refugiados deslocados reféns prisioneiros detidos vítimas
    mortos morto mortas mortes assassinados feridos ferido feridas desaparecidos capturados
    sequestrados presos libertados corpos vidas exército forças segurança veículos tanques
    caminhões camiões aviões helicópteros drones armas casas edifícios o os as do da dos das
    no na nos nas em sobre durante foram foi sido são eram que cujo seu seus sua suas
    armados armado"""
    # German (nouns are folded to lower case)
    """ menschen personen person zivilisten zivilistinnen soldaten soldat soldatinnen
    militärs kämpfer kämpferinnen rebellen rebell aufständische dschihadisten terroristen
    angreifer männer frauen kinder mitglieder polizisten beamte einwohner bewohner flüchtlinge
    vertriebene geiseln gefangene häftlinge opfer tote toten todesopfer verletzte verletzten
    verwundete verwundeten vermisste vermissten getötete getöteten gefallene gefallenen
    getötet verletzt verwundet gestorben ums leben gekommen vermisst gefangen entführt
    festgenommen befreit leichen armee streitkräfte truppen sicherheitskräfte fahrzeuge
    panzer lastwagen flugzeuge hubschrauber drohnen waffen häuser gebäude dörfer der die das
    den dem des unter bei im in am an auf von aus während wurden wurde sind
    waren ist war worden haben hat seien zivile bewaffnete malische französische"""
    # Italian
    """ persone persona civili soldati soldato militari militare combattenti combattente
    ribelli ribelle insorti jihadisti terroristi uomini donne bambini membri poliziotti agenti
    abitanti rifugiati sfollati ostaggi prigionieri detenuti vittime vittima morti morto
    morte uccisi ucciso uccise feriti ferito ferite dispersi disperso scomparsi catturati
    rapiti arrestati liberati corpi vite esercito forze sicurezza veicoli carri mezzi aerei
    elicotteri droni armi case edifici il lo la i gli le del dello della dei degli delle l
    nel nella nei negli nelle in tra fra su durante sono sono stati state stato è erano che
    cui loro armati armato di da dal dalla dai al alla ai nelle negli"""
    # Dutch
    """ mensen personen persoon burgers burger soldaten soldaat militairen militair strijders
    strijder rebellen rebel opstandelingen jihadisten terroristen aanvallers mannen vrouwen
    kinderen leden agenten politieagenten inwoners bewoners vluchtelingen ontheemden gijzelaars
    gevangenen gedetineerden slachtoffers slachtoffer doden dode gedood gedode gewonden gewond
    gewonde vermisten vermist gevangen ontvoerd gearresteerd bevrijd lichamen levens leger
    strijdkrachten troepen veiligheidstroepen voertuigen tanks vrachtwagens vliegtuigen
    helikopters drones wapens huizen gebouwen de het der den in op bij onder tijdens van
    uit zijn waren is was werden werd geworden hebben heeft die dat wiens hun gewapende"""
)

# Nationality adjectives are written in lower case outside English and German; the common
# ones of the conflicts in the bundled examples are listed, others go in a policy's words.
TRAILING_WORDS |= _words(
    """maliens malien maliennes malienne maliani maliano maliane malienses maliense malíes
    malies malinesi malineses malinês malianos maliano malianas francesi francese franceses
    francês français française
    françaises russi russo russes russe rusos ruso russos russo ucraini ucraino ukrainiens
    ukrainien ucranianos ucraniano ucranianos nigériens nigérien nigerini burkinabè burkinabé
    burkinabés tchadiens ciadiani algériens algerini touaregs touareg tuareg tuaregs
    islamistes islamisti islamistas islamisten islamitische jihadistes jihadisti yihadistas
    jihadistas malische maliers malinese malinezen deutsche französische russische
    ukrainische amerikanische britische"""
)

#: Scale words in languages the reader does not read, with their scale, so that "15-17 tysięcy"
#: is refused with the figure it probably means rather than read a thousand times too small.
FOREIGN_SCALES: Mapping[str, int] = {
    **dict.fromkeys(
        split_words("""tysiąc tysiące tysięcy tys тысяча тысячи тысяч тыс тисяча тисячі тисяч
        tisíc tisíce tisícov ezer bin tusen tusind tuhat tūkstoši"""),
        1000,
    ),
    **dict.fromkeys(
        split_words("""milion miliony milionów миллион миллиона миллионов млн мільйон мільйонів
        milionů miljon miljoner millió milyon"""),
        10**6,
    ),
    **dict.fromkeys(
        split_words("miliard miliardy miliardów миллиард миллиарда миллиардов млрд"), 10**9
    ),
}

#: Phrases that make a figure a percent: "80%", "40 per cent", "30 pour cent", "12 Prozent".
PERCENT_PHRASES: tuple[str, ...] = (
    "%", "per cent", "percent", "pour cent", "pourcent", "por ciento", "por cento", "prozent",
    "per cento", "procent", "pct",
)  # fmt: skip

_MONTH = (Fraction(28), Fraction(31))  # February in a common year to the longest months
_YEAR = (Fraction(365), Fraction(366))
#: Units of a duration and the days each allows, in the seven languages read.
DURATION_UNITS: Mapping[str, tuple[Fraction, Fraction]] = {
    **dict.fromkeys(
        split_words("hour hours heure heures hora horas stunde stunden ora ore uur uren"),
        (Fraction(1, 24), Fraction(1, 24)),
    ),
    **dict.fromkeys(
        split_words("""day days jour jours journée journées día días dia dias tag tage tagen giorno
        giorni dag dagen"""),
        (Fraction(1), Fraction(1)),
    ),
    **dict.fromkeys(
        split_words(
            "week weeks semaine semaines semana semanas woche wochen settimana settimane weken"
        ),
        (Fraction(7), Fraction(7)),
    ),
    **dict.fromkeys(["fortnight", "fortnights"], (Fraction(14), Fraction(14))),
    **dict.fromkeys(
        split_words(
            """month months mois mes meses mês monat monate monaten mese mesi maand maanden"""
        ),
        _MONTH,
    ),
    **dict.fromkeys(
        split_words(
            """
            year years an ans année années año años ano anos jahr jahre jahren anno anni jaar
        jaren"""
        ),
        _YEAR,
    ),
}
