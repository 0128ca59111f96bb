/**
 * Small closed word lists the learner rules need. Deliberately limited to frequent, unambiguous
 * learner vocabulary: a miss costs recall, a wrong entry costs precision, and precision matters more.
 */

export interface VerbForms {
  base: string
  third: string
  past: string
  participle: string
}

// base:past:participle for irregular verbs.
const IRREGULAR = `go:went:gone buy:bought:bought see:saw:seen eat:ate:eaten have:had:had take:took:taken make:made:made
come:came:come get:got:got give:gave:given meet:met:met find:found:found think:thought:thought know:knew:known
tell:told:told say:said:said leave:left:left feel:felt:felt begin:began:begun bring:brought:brought drink:drank:drunk
drive:drove:driven fly:flew:flown forget:forgot:forgotten lose:lost:lost pay:paid:paid run:ran:run sell:sold:sold
send:sent:sent sit:sat:sat sleep:slept:slept speak:spoke:spoken spend:spent:spent stand:stood:stood swim:swam:swum
teach:taught:taught understand:understood:understood wake:woke:woken wear:wore:worn win:won:won write:wrote:written
become:became:become build:built:built catch:caught:caught choose:chose:chosen fall:fell:fallen grow:grew:grown
hear:heard:heard hold:held:held ride:rode:ridden sing:sang:sung break:broke:broken throw:threw:thrown do:did:done
get:got:got forget:forgot:forgotten lend:lent:lent keep:kept:kept`

// Verbs whose past is base + -ed (with the spelling rules below). Verbs also common as nouns are fine:
// every rule requires a subject right before the verb.
const REGULAR = `visit play watch like love want need work live study decide start finish stay travel walk talk cook clean
call help ask answer try enjoy prefer arrive move open close use listen look wait plan change learn happen hope agree
believe remember seem laugh cry dance explain improve miss pass practice practise rain relax rent return share show
smile stop turn wash worry hate carry check climb collect complain describe discuss dream fail fix follow invite jump
kill like mention order paint pick prepare pull push receive repair reply save shout stay train try wish borrow
celebrate chat enter hurry join kiss mix need offer organize organise post prefer promise protect reach realize
realise recommend rest shop suggest surprise touch trust visit graduate apply marry depend disagree`

const DOUBLING = new Set(['stop', 'plan', 'shop', 'chat', 'prefer'])

export const VERBS: Map<string, VerbForms> = buildVerbs()
/** Third-person form → base ("goes" → "go"). */
export const THIRD_TO_BASE: Map<string, string> = new Map([...VERBS.values()].map((v) => [v.third, v.base]))
/** Past form → base, only where past differs from base ("went" → "go"). */
export const PAST_TO_BASE: Map<string, string> = new Map([...VERBS.values()].filter((v) => v.past !== v.base).map((v) => [v.past, v.base]))

/** Verbs whose present is normal beside a past marker in another clause ("I started last year and I like it"). */
export const STATIVE = new Set(['like', 'love', 'hate', 'know', 'want', 'think', 'believe', 'understand', 'remember', 'prefer', 'need', 'mean', 'hope', 'seem', 'agree', 'wish', 'feel', 'hear', 'see', 'find', 'enjoy'])

/** Verbs that follow "I am" in learner speech but never as an adjective or noun ("I am agree", "it is depend"). */
export const AUX_SLIP_VERBS = new Set([
  'agree', 'disagree', 'think', 'want', 'need', 'know', 'go', 'live', 'study', 'understand', 'believe', 'remember', 'feel',
  'prefer', 'enjoy', 'come', 'have', 'eat', 'speak', 'hope', 'hate', 'wait', 'make', 'take', 'get', 'buy', 'decide', 'try',
  'start', 'teach', 'learn', 'write', 'listen', 'cook', 'drive', 'visit', 'move', 'worry', 'depend', 'seem',
  'happen', 'see', 'say', 'tell', 'give', 'bring', 'leave', 'spend'
])

export const THIRD_SINGULAR_PRONOUNS = new Set(['he', 'she', 'it', 'everyone', 'everybody', 'someone', 'somebody', 'nobody', 'everything', 'nothing'])
export const AUXILIARIES = new Set([
  'do', 'does', 'did', "don't", "doesn't", "didn't", 'will', "won't", 'would', 'can', 'could', "can't", "couldn't", 'should',
  'must', 'might', 'may', 'to', 'let', "let's", 'make', 'makes', 'made', 'help', 'helps', 'helped', 'see', 'saw', 'watch',
  'hear', 'heard'
])
/** Adverbs allowed between a subject and its verb. */
export const MID_ADVERBS = new Set(['also', 'just', 'really', 'then', 'finally', 'first', 'even', 'only', 'suddenly', 'quickly', 'never', 'always', 'often', 'sometimes', 'usually', 'still'])
export const POSSESSIVES = new Set(['my', 'your', 'his', 'her', 'our', 'their', 'the', 'this', 'that'])
export const DETERMINERS = new Set([
  'a', 'an', 'the', 'my', 'your', 'his', 'her', 'its', 'our', 'their', 'this', 'that', 'these', 'those', 'some', 'any', 'no',
  'every', 'each', 'one', 'another', 'which', 'what', 'whose', 'many', 'much', 'more', 'most', 'few', 'little', 'all', 'both',
  'several', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'
])

export const ADJECTIVES = new Set([
  'new', 'old', 'big', 'small', 'good', 'bad', 'nice', 'great', 'little', 'beautiful', 'interesting', 'important', 'long',
  'short', 'young', 'expensive', 'cheap', 'different', 'difficult', 'easy', 'hard', 'large', 'famous', 'best', 'better',
  'wonderful', 'terrible', 'real', 'small', 'strange', 'funny', 'quiet', 'busy', 'happy', 'lovely', 'boring', 'amazing',
  'special', 'huge', 'red', 'blue', 'black', 'white', 'green', 'modern', 'local', 'traditional', 'popular', 'serious', 'free',
  'first', 'second', 'last', 'next', 'whole', 'same', 'other', 'only', 'excellent', 'perfect', 'simple', 'delicious', 'cold',
  'hot', 'warm', 'english', 'italian', 'spanish', 'french', 'german', 'chinese', 'online'
])

// singular:plural where the plural is irregular or the -s rule would be wrong.
const NOUN_IRREGULAR = 'child:children person:people man:men woman:women foot:feet tooth:teeth wife:wives knife:knives shelf:shelves thief:thieves'
const NOUN_REGULAR = `teacher doctor engineer student nurse programmer developer manager lawyer waiter driver farmer
car house flat apartment dog cat job idea problem question friend brother sister cousin city country town village
computer phone laptop bike bicycle book ticket room restaurant hotel meeting party trip holiday mistake boy girl baby
boss colleague company word game film movie song picture photo garden place story reason chance plan decision year
month week day hour minute euro dollar kilometer kilometre language class lesson museum shop supermarket bag box
bottle cup glass dish friend neighbor neighbour parent son daughter uncle aunt grandparent mother father wife husband grandmother grandfather partner boyfriend girlfriend street bus train plane
present gift letter email message website app course exam test university school hobby sport team match goal
window door table chair bed kitchen bathroom building bridge church beach island mountain river lake park time thing`

const { singular: NOUN_SINGULAR, plural: NOUN_PLURAL } = buildNouns()
/** Countable nouns in the singular, with their plural. */
export const COUNTABLE_NOUNS: Map<string, string> = NOUN_SINGULAR
/** Plural → singular for the same nouns. */
export const PLURAL_NOUNS: Map<string, string> = NOUN_PLURAL

/** Places that take "the" after "go to" ("go to the cinema"); school, work, bed and church do not. */
export const THE_PLACES = new Set(['cinema', 'supermarket', 'beach', 'gym', 'park', 'airport', 'station', 'doctor', 'dentist', 'mall', 'theatre', 'theater', 'museum', 'library', 'bank', 'zoo', 'office', 'mountains', 'sea'])
/** Parts of the day and similar nouns that take "the" after in/at ("in the morning"). */
export const THE_TIMES = new Set(['morning', 'afternoon', 'evening', 'weekend', 'past', 'beginning', 'end', 'moment'])

export const NUMBER_WORDS = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'many', 'several', 'few', 'both', 'these', 'those'])

export const TIME_NOUNS = new Set(['week', 'month', 'year', 'night', 'summer', 'winter', 'spring', 'autumn', 'weekend', 'time', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'christmas', 'holiday', 'holidays', 'semester', 'term', 'evening', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december'])
/**
 * Words that put a clause in the present even inside a past narrative ("now I work in a bank"). Habit
 * words (every day, usually) are not here: in a past story they describe past habits.
 */
export const PRESENT_MARKERS = new Set(['now', 'today', 'nowadays', 'currently', 'still', 'anymore'])

/** Nouns that are fine without an article after "have", "is" or "go to" ("I have class", "go to school"). */
export const ARTICLE_OPTIONAL = new Set(['class', 'school', 'university', 'church', 'lesson', 'time', 'bed', 'holiday', 'breakfast', 'home', 'work', 'college', 'course', 'sport'])
/** Words that head a compound after a noun ("car insurance", "bus stop", "five minute walk"). */
export const COMPOUND_HEADS = new Set(['number', 'insurance', 'license', 'licence', 'keys', 'station', 'stop', 'shop', 'store', 'driver', 'walk', 'drive', 'break', 'call', 'ride', 'old'])
/** Singular subjects outside the countable list that learners often pair with a bare verb. */
export const SINGULAR_SUBJECT_NOUNS = new Set([
  'weather', 'life', 'food', 'music', 'work', 'money', 'english', 'traffic', 'everything', 'nobody', 'water', 'coffee',
  'transport', 'technology', 'pollution', 'education', 'society', 'internet', 'television', 'tourism', 'crime', 'health',
  'nature', 'shopping', 'smoking', 'advertising', 'information', 'knowledge', 'homework', 'weather', 'love', 'happiness'
])

/** Third-person -s form of a base verb. */
export function thirdPerson(base: string): string {
  return VERBS.get(base)?.third ?? regularThird(base)
}

/** Simple past of a base verb. */
export function pastOf(base: string): string {
  return VERBS.get(base)?.past ?? regularPast(base)
}

/** Plural of a countable noun. */
export function pluralOf(noun: string): string {
  return COUNTABLE_NOUNS.get(noun) ?? regularPlural(noun)
}

function regularPlural(noun: string): string {
  if (/(s|sh|ch|x|z)$/.test(noun)) return `${noun}es`
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`
  return `${noun}s`
}

function regularThird(base: string): string {
  if (base === 'have') return 'has'
  if (/(s|sh|ch|x|z|o)$/.test(base)) return `${base}es`
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ies`
  return `${base}s`
}

function regularPast(base: string): string {
  if (DOUBLING.has(base)) return `${base}${base.slice(-1)}ed`
  if (base.endsWith('e')) return `${base}d`
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ied`
  return `${base}ed`
}

function buildVerbs(): Map<string, VerbForms> {
  const verbs = new Map<string, VerbForms>()
  for (const base of REGULAR.split(/\s+/).filter(Boolean)) {
    const past = regularPast(base)
    verbs.set(base, { base, third: regularThird(base), past, participle: past })
  }
  for (const entry of IRREGULAR.split(/\s+/).filter(Boolean)) {
    const [base = '', past = '', participle = ''] = entry.split(':')
    verbs.set(base, { base, third: regularThird(base), past, participle })
  }
  return verbs
}

function buildNouns(): { singular: Map<string, string>; plural: Map<string, string> } {
  const singular = new Map<string, string>()
  for (const noun of NOUN_REGULAR.split(/\s+/).filter(Boolean)) {
    singular.set(noun, regularPlural(noun))
  }
  for (const entry of NOUN_IRREGULAR.split(/\s+/)) {
    const [one = '', many = ''] = entry.split(':')
    singular.set(one, many)
  }
  return { singular, plural: new Map([...singular.entries()].map(([one, many]) => [many, one])) }
}
