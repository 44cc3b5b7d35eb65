"""Published constants of the adult body-composition model (:mod:`legload.models.body.composition`,
:mod:`legload.models.body.dynamics`).

Each group names its :class:`~legload.models.sources.Source` and says what was checked
where. "[S]" marks a value read only in a secondary transcription (an open implementation of
the model that cites the same papers), not in the paper itself.

Units: energy densities and costs are given in the papers in kJ or MJ; the model works in
kcal (the unit of food logs), converted with the thermochemical calorie
(:data:`KJ_PER_KCAL` = 4.184 kJ). The resting metabolic rate's equation (Mifflin et al. 1990)
is here too. The model functions take these numbers as one frozen :class:`BodyParameters`
argument whose default, :data:`PUBLISHED`, is this set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from legload.models.inputs import published
from legload.models.sources import Source

# =============================================================================================
# Sources
# =============================================================================================

HALL_2008 = Source(
    citation=(
        "Hall KD (2008) What is the required energy deficit per unit weight loss? "
        "Int J Obes 32:573-576"
    ),
    doi="10.1038/sj.ijo.0803720",
    note=(
        "Read (PubMed Central PMC2376744, abstract and opening section): metabolizable energy "
        "densities of body glycogen, protein and fat 17.6, 19.7 and 39.5 MJ/kg; the energy "
        "density of a body-fat change rho_F = 39.5 MJ/kg; the rule of thumb 3500 kcal/lb = "
        "32.2 MJ/kg; the rule 'approximately matches the predicted energy density of lost "
        "weight in obese subjects with an initial body fat above 30 kg but overestimates the "
        "cumulative energy deficit required per unit weight loss for people with lower "
        "initial body fat'. rho_L = 7.6 MJ/kg [S]: the section giving it was not reached."
    ),
)

HALL_2011 = Source(
    citation=(
        "Hall KD, Sacks G, Chandramohan D, Chow CC, Wang YC, Gortmaker SL, Swinburn BA (2011) "
        "Quantification of the effect of energy imbalance on bodyweight. "
        "Lancet 378:826-837"
    ),
    doi="10.1016/S0140-6736(11)60812-X",
    note=(
        "Abstract read (PMC3880593): 'the bodyweight response to a change of energy intake is "
        "slow, with half times of about 1 year'; adults with more body fat lose more weight "
        "for the same change of intake and take longer to reach their steady state. Web "
        "appendix, opening page read: glycogen energy density rho_G = 17.6 MJ/kg, about "
        "500 g of glycogen at baseline, about 2.7 g of water stored with each gram, glycogen "
        "dynamics rho_G dG/dt = CI - k_G G^2 with k_G = CI_b / G_init^2. The expenditure "
        "equation and the values of gamma_F, gamma_L, eta_F, eta_L, beta_TEF, beta_AT, "
        "tau_AT and delta [S]: read in the open implementation cited below, which "
        "transcribes them from this appendix; not seen in the appendix itself."
    ),
)

HALL_2007_FORBES = Source(
    citation=(
        "Hall KD (2007) Body fat and fat-free mass inter-relationships: Forbes's theory "
        "revisited. Br J Nutr 97:1059-1063"
    ),
    doi="10.1017/S0007114507691946",
    note=(
        "Abstract read: Forbes's equation gives the fat-free proportion of a weight change "
        "as a function of initial body fat, strictly for small changes; the extension for "
        "large changes differs little for modest ones. The constant C = 10.4 kg [S]."
    ),
)

FORBES_1987 = Source(
    citation=(
        "Forbes GB (1987) Lean body mass-body fat interrelationships in humans. "
        "Nutr Rev 45:225-231"
    ),
    doi="10.1111/j.1753-4887.1987.tb02684.x",
    note=(
        "Not read. The log relation FFM = 10.4 ln(FM) + const, hence the fat-free share "
        "C / (C + FM) of a small change with C = 10.4 kg [S] (Hall 2007, 2008; open "
        "implementation). DOI as recalled, not verified."
    ),
)

JACKSON_2002 = Source(
    citation=(
        "Jackson AS, Stanforth PR, Gagnon J, Rankinen T, Leon AS, Rao DC, Skinner JS, "
        "Bouchard C, Wilmore JH (2002) The effect of sex, age and race on estimating "
        "percentage body fat from body mass index: The Heritage Family Study. "
        "Int J Obes 26:789-796"
    ),
    doi="10.1038/sj.ijo.0802006",
    note=(
        "Not read. Coefficients [S] as used by the open implementation of the adult model "
        "to initialise fat mass from BMI, age and sex. DOI as recalled, not verified. "
        "Fitted on a general (not athletic) sample: it overestimates the fat of muscular, "
        "lean athletes."
    ),
)

OPEN_IMPLEMENTATION = Source(
    citation=(
        "Zepeda Tello R, Camacho Garcia Formenti D. bw: Dynamic Body Weight Models for "
        "Children and Adults (R package, INSP Mexico; github.com/INSP-RH/bw)"
    ),
    doi="",
    note=(
        "Secondary transcription of the Hall et al. 2011 web appendix: rho_F 39.5 MJ/kg, "
        "rho_L 7.6 MJ/kg, rho_G 17.6 MJ/kg, gamma_F 13 and gamma_L 92 kJ/kg/day, eta_F 750 "
        "and eta_L 960 kJ/kg, beta_TEF 0.10, beta_AT 0.14, tau_AT 14 days, C = 10.4 kg, "
        "glycogen 0.5 kg at baseline, body weight counting 3.7 kg per kg of glycogen, "
        "delta = ((1 - beta_TEF) PAL - 1) RMR / BW, K fitted so that the baseline state is "
        "in balance at PAL x RMR (RMR from Mifflin-St Jeor). Read for the numbers only."
    ),
)

# =============================================================================================
# Energy densities (Hall 2008; Hall et al. 2011 web appendix)
# =============================================================================================

#: Energy density of a change in body fat mass rho_F [MJ/kg]. [R] (Hall 2008, abstract and
#: opening section).
RHO_FAT_MJ_PER_KG: float = 39.5
#: Energy density of a change in lean tissue rho_L [MJ/kg]. [S]
RHO_LEAN_MJ_PER_KG: float = 7.6
#: Energy density of glycogen rho_G [MJ/kg]. [R] (Hall 2008; Hall et al. 2011 appendix, opening
#: page).
RHO_GLYCOGEN_MJ_PER_KG: float = 17.6
#: The rule of thumb 3500 kcal per pound, as an energy density [MJ/kg]. [R] (Hall 2008).
RULE_OF_THUMB_MJ_PER_KG: float = 32.2

# =============================================================================================
# Forbes partition
# =============================================================================================

#: Forbes constant C [kg]: the lean share of a small weight change is C / (C + F). [S]
FORBES_C_KG: float = 10.4

# =============================================================================================
# Expenditure terms (Hall et al. 2011 web appendix) [S]
# =============================================================================================

#: Metabolic rate per kg of fat gamma_F and of lean tissue gamma_L [kJ kg-1 day-1]. [S]
GAMMA_FAT_KJ_PER_KG_DAY: float = 13.0
#: gamma_L [kJ kg-1 day-1]. [S]
GAMMA_LEAN_KJ_PER_KG_DAY: float = 92.0

#: Cost of depositing or turning over fat eta_F and lean tissue eta_L [kJ/kg]. [S]
ETA_FAT_KJ_PER_KG: float = 750.0
#: eta_L [kJ/kg]. [S]
ETA_LEAN_KJ_PER_KG: float = 960.0

#: Thermic effect of a change of intake beta_TEF [-]. [S]
BETA_TEF: float = 0.10
#: Adaptive thermogenesis per unit change of intake beta_AT [-] and its time constant. [S]
BETA_AT: float = 0.14
#: tau_AT [days]. [S]
TAU_AT_DAYS: float = 14.0

# =============================================================================================
# Glycogen (Hall et al. 2011 web appendix, read)
# =============================================================================================

#: Body glycogen at baseline [kg] (~500 g). [R] (Hall et al. 2011 appendix, opening page).
GLYCOGEN_BASELINE_KG: float = 0.5
#: Water stored with each kg of glycogen [kg/kg] (~2.7 g/g). [R] (Hall et al. 2011 appendix,
#: opening page). A kg of glycogen thus
#: weighs 3.7 kg with its water.
GLYCOGEN_WATER_KG_PER_KG: float = 2.7
#: Share of intake energy from carbohydrate, used for glycogen only (no macronutrient log
#: is read): 0.5 is the open implementation's default. [S]
CARBOHYDRATE_FRACTION_DEFAULT: float = 0.5

# =============================================================================================
# Defaults of legload's use of the model (not from the papers)
# =============================================================================================

#: Physical activity level (total / resting expenditure) of daily life outside recorded
#: sessions. 1.5 is the open implementation's default; FAO/WHO/UNU put sedentary to lightly
#: active lifestyles at 1.40-1.69.
DAILY_PAL_DEFAULT: float = 1.5

#: Jackson et al. 2002 percent body fat from BMI: %fat = a age + b ln(BMI) + c. [S]
JACKSON_2002_COEFFICIENTS = MappingProxyType(
    {
        "male": MappingProxyType({"age": 0.14, "ln_bmi": 37.31, "offset": -103.94}),
        "female": MappingProxyType({"age": 0.14, "ln_bmi": 39.96, "offset": -102.01}),
    }
)

#: Conditions of :func:`legload.models.body.expenditure.adaptive_expenditure` [M]: at least two
#: weeks (the time constant TAU_AT of adaptive thermogenesis) ...
ADAPTIVE_MIN_DAYS: int = 14
#: ... at least five weigh-ins, so a trend is not one day's water swing [M] ...
ADAPTIVE_MIN_WEIGH_INS: int = 5
#: ... and at least a week of logged intake [M].
ADAPTIVE_MIN_INTAKE_DAYS: int = 7

SOURCES: tuple[Source, ...] = (
    HALL_2008,
    HALL_2011,
    HALL_2007_FORBES,
    FORBES_1987,
    JACKSON_2002,
    OPEN_IMPLEMENTATION,
)

# =============================================================================================
# resting energy expenditure — legload.models.body.resting
# =============================================================================================

# --- Mifflin et al. 1990: resting energy expenditure -----------------------------------------

MIFFLIN_1990 = Source(
    citation=(
        "Mifflin MD, St Jeor ST, Hill LA, Scott BJ, Daugherty SA, Koh YO (1990) A new "
        "predictive equation for resting energy expenditure in healthy individuals. "
        "Am J Clin Nutr 51:241-247"
    ),
    doi="10.1093/ajcn/51.2.241",
    note=(
        "Abstract read: REE(males) = 10 weight(kg) + 6.25 height(cm) - 5 age(y) + 5; "
        "REE(females) = same - 161 [kcal/day]; derived on 498 healthy adults (247 women, "
        "251 men) aged 19-78 y, normal-weight and obese, REE by indirect calorimetry, R2 = 0.71."
    ),
)

#: Coefficients of the simplified sex-specific equations (kcal/day). [R] (Mifflin 1990, abstract).
MIFFLIN_1990_COEFFICIENTS = MappingProxyType(
    {
        "kcal_per_kg": 10.0,
        "kcal_per_cm": 6.25,
        "kcal_per_year": 5.0,
        "male_offset_kcal": 5.0,
        "female_offset_kcal": -161.0,
    }
)

#: Ages of the sample the equation was derived on (years).
MIFFLIN_1990_AGE_RANGE_YEARS: tuple[float, float] = (19.0, 78.0)


@dataclass(frozen=True)
class BodyParameters:
    """The numbers of the body models (composition, dynamics, projection, expenditure, RMR).

    Defaults are the published set; each field is the module constant of the same name in
    capitals (``mifflin_coefficients`` is MIFFLIN_1990_COEFFICIENTS, ``jackson_coefficients``
    JACKSON_2002_COEFFICIENTS), where its source and tag are given. Pass another set as
    ``params``, e.g. ``simulate(..., params=BodyParameters(beta_tef=0.08))``.
    """

    rho_fat_mj_per_kg: float = RHO_FAT_MJ_PER_KG
    rho_lean_mj_per_kg: float = RHO_LEAN_MJ_PER_KG
    rho_glycogen_mj_per_kg: float = RHO_GLYCOGEN_MJ_PER_KG
    forbes_c_kg: float = FORBES_C_KG
    gamma_fat_kj_per_kg_day: float = GAMMA_FAT_KJ_PER_KG_DAY
    gamma_lean_kj_per_kg_day: float = GAMMA_LEAN_KJ_PER_KG_DAY
    eta_fat_kj_per_kg: float = ETA_FAT_KJ_PER_KG
    eta_lean_kj_per_kg: float = ETA_LEAN_KJ_PER_KG
    beta_tef: float = BETA_TEF
    beta_at: float = BETA_AT
    tau_at_days: float = TAU_AT_DAYS
    glycogen_water_kg_per_kg: float = GLYCOGEN_WATER_KG_PER_KG
    jackson_coefficients: Mapping = published(JACKSON_2002_COEFFICIENTS)
    adaptive_min_days: int = ADAPTIVE_MIN_DAYS
    adaptive_min_weigh_ins: int = ADAPTIVE_MIN_WEIGH_INS
    adaptive_min_intake_days: int = ADAPTIVE_MIN_INTAKE_DAYS
    mifflin_coefficients: Mapping = published(MIFFLIN_1990_COEFFICIENTS)


#: The published set: every body model's default ``params``.
PUBLISHED = BodyParameters()
