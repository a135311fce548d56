<?xml version="1.0" encoding="UTF-8"?>
<!--
  labels.xsl : every interface string of the edition, in one table.

  HOW TO USE
  * pe:label('key') returns the string; an unknown key stops the build with the key's name
    (so a typo never reaches a page). pe:label('key', ('a', 'b')) fills {1}, {2}, ... with
    the arguments.
  * The edition's facts are never written here: a string names them by placeholders that
    pe:label fills from the edition description ($pe:edition, tei/edition.xml) and the
    collection: {title} and {publisher} (the description's titleStmt/title[@type='main'] and
    publisher), {sources} and {Sources} ("six sources", "Six sources" for six: the number of sources
    in words, counted, never written).
  * To add a string, add one entry to $pe:labels below (keys are lower-case, hyphenated,
    grouped by the page that uses them). Nothing else in any stylesheet is English prose
    written for the interface: headings, buttons, aria-labels, legends all come from here.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="params.xsl"/>

  <xsl:variable name="pe:labels" as="map(xs:string, xs:string)" select="map {
    (: the site :)
    'site-title'            : '{title}',
    'site-subtitle'         : '{Sources} on the purges of the Soviet Communist Party, 1920s–1930s',
    'publisher'             : '{publisher}',
    'skip-to-content'       : 'Skip to content',
    'nav-main'              : 'Main',
    'nav-home'              : 'Home',
    'nav-sources'           : 'Sources',
    'nav-claims'            : 'Claims',
    'nav-indexes'           : 'Indexes',
    'nav-persons'           : 'Persons',
    'nav-places'            : 'Places',
    'nav-organisations'     : 'Organisations',
    'nav-chronology'        : 'Chronology',
    'nav-method'            : 'Introduction and method',
    'nav-guidelines'        : 'Encoding guidelines',
    'nav-about'             : 'About',
    'nav-bibliography'      : 'Bibliography',
    'nav-licence'           : 'Licence',
    'nav-cite'              : 'Cite and download',
    'nav-search'            : 'Search',
    'footer-version'        : 'Version {1}, built {2}.',
    'footer-licence'        : 'Texts of the encoding under CC BY 4.0; rights of the originals as stated in each source description.',
    'footer-nav'            : 'Edition pages',
    (: citation :)
    'cite-this'             : 'Cite this page',
    'cite-chicago'          : 'Chicago',
    'cite-bibtex'           : 'BibTeX',
    'cite-csl'              : 'Download CSL-JSON',
    'cite-accessed'         : 'version {1}, {2}',
    'cite-accessed-on'      : 'Accessed {1}.',
    'cite-visit-date'       : '[date of your visit]',
    'cite-ris'              : 'RIS',
    'cite-ris-download'     : 'Download RIS',
    'cite-access-note'      : 'The access date is the day you view this page; without JavaScript, fill in the date of your visit. The CSL-JSON download carries it when JavaScript runs.',
    'bibliography-title'    : 'Bibliography',
    'bibliography-intro'    : 'Every work the edition cites, once, by author and year. Each short citation in the edition (for example in a claim or an apparatus note) links to its entry here.',
    'bibliography-cited-by' : 'Claims that cite it: {1}',
    'bibliography-entry'    : 'Bibliography entry',
    'bibliography-claims'   : 'Cited by',
    'not-found-title'       : 'Page not found',
    'not-found-text'        : 'There is no page at this address. It may have been mistyped, or the page may belong to another version of the edition.',
    'not-found-links'       : 'Where to go from here',
    'cite-paragraph'        : 'Permalink to this paragraph',
    (: reading page :)
    'source-description'    : 'Source description',
    'reading-controls'      : 'Reading options',
    'view'                  : 'Text',
    'view-edited'           : 'Edited (corrections, artefacts hidden)',
    'view-diplomatic'       : 'Diplomatic (as received, with artefacts)',
    'highlight'             : 'Highlight',
    'hl-person'             : 'Persons',
    'hl-place'              : 'Places',
    'hl-org'                : 'Organisations',
    'hl-date'               : 'Dates',
    'hl-num'                : 'Numbers',
    'hl-claim'              : 'Contested claims',
    'text'                  : 'Text',
    'front'                 : 'Front matter',
    'back'                  : 'Back matter',
    'footnotes'             : 'Notes of the source',
    'apparatus'             : 'Apparatus of contested claims',
    'apparatus-intro'       : 'Each note sign in the text opens the note on a contested claim: what the other sources say, the scholarship, and the edition’s judgement.',
    'note-sign'             : 'Note {1} on a contested claim: {2} Verdict: {3}.',
    'note-sign-claim'       : 'what the sources say, against the scholarship.',
    'note-sign-no-verdict'  : 'not yet given',
    'back-to-text'          : 'Back to the text',
    'note-panel'            : 'Note',
    'claim-page'            : 'All readings of this claim',
    'claim-question'        : 'Question',
    'claim-judgement'       : 'Editorial note',
    'certainty'             : 'Certainty: {1}',
    'cert-high'             : 'high',
    'cert-medium'           : 'medium',
    'cert-low'              : 'low',
    'cert-unknown'          : 'not stated',
    'entities-on-page'      : 'Persons, places and organisations named in this text',
    'entity-index-entry'    : 'Index entry: every mention in context',
    'entity-mentions'       : 'Named in:',
    'entity-wikidata'       : 'Wikidata',
    'entity-close'          : 'Close',
    'entity-born'           : 'born {1}',
    'entity-died'           : 'died {1}',
    'sic'                   : 'as in the source',
    'corr'                  : 'corrected by the editors',
    'supplied'              : 'supplied by the editors',
    'artefact'              : 'artefact of transmission',
    'page-break'            : 'page break',
    'paragraph'             : 'Paragraph {1}',
    'place-paragraph'       : 'paragraph {1}',
    'place-note'            : 'note {1}',
    'place-heading'         : 'heading “{1}”',
    'place-after-paragraph' : 'after paragraph {1}',
    'place-start'           : 'the beginning of the text',
    'place-in-source'       : '{1}, {2}',
    'siglum'                : 'siglum',
    'sigla-legend'          : 'Sigla of the sources',
    'editorial-notes'       : 'Notes of the editors',
    'fn-sign-footnote'      : 'Note {1} of the source',
    'fn-sign-editorial'     : 'Editors’ note {1}',
    'reading-options'       : 'Reading options',
    'margin-notes'          : 'Notes on the contested claims, beside the text',
    'page-marker'           : 'break {1}: a page of the source ends here (the editors number the breaks)',
    'page-marker-short'     : 'break {1}',
    'download-tei'          : 'TEI XML of this source',
    'contents'              : 'Contents',
    (: source description :)
    'sd-original-title'     : 'Original title',
    'sd-author'             : 'Author',
    'sd-publisher'          : 'Published by',
    'sd-date'               : 'Date',
    'sd-url'                : 'Address',
    'sd-medium'             : 'Medium',
    'sd-transmission'       : 'Transmission',
    'sd-genre'              : 'Genre',
    'sd-stance'             : 'Stance',
    'sd-language'           : 'Language',
    'sd-editors'            : 'Edited by',
    'sd-rights'             : 'Rights',
    'sd-edition'            : 'Edition',
    'sd-encoding'           : 'How this text was edited',
    'sd-revisions'          : 'Revisions',
    'decl-correction'       : 'Corrections',
    'decl-normalization'    : 'Normalisation',
    'decl-quotation'        : 'Quotation',
    'decl-hyphenation'      : 'Hyphenation',
    'decl-segmentation'     : 'Segmentation',
    'decl-interpretation'   : 'Interpretation',
    'decl-stdVals'          : 'Standard values',
    'decl-other'            : 'Other decisions',
    (: home :)
    'home-what'             : 'What this edition is',
    'home-how'              : 'How to read it',
    'home-sources'          : 'The {sources}',
    'home-genre'            : 'Genre',
    'home-date'             : 'Date',
    'home-stance'           : 'Stance',
    'home-source'           : 'Source',
    'home-what-text'        : 'Each source is kept word for word, with its own slips and the traces of how it was copied; the editors’ corrections stand beside the source’s words, never in their place. The register of contested claims sets every reading of a figure, date, cause or attribution beside the archival record and the historians’ findings, and says how sure the editors are of their judgement.',
    'home-how-1'            : 'Open a source below. Names of persons, places and organisations, dates and numbers are marked; the reading options switch each kind of highlighting on or off.',
    'home-how-2'            : 'A bracketed number after a passage marks a contested claim: follow it to the note, which gives every other source’s reading, the scholarship, the editors’ judgement and how certain it is.',
    'home-how-3'            : 'The edited view shows the editors’ corrections and hides the artefacts of copying (scraped glosses, site menus, stray markup); the diplomatic view shows the text exactly as it reached us.',
    'home-how-4'            : 'Follow a name to its index entry, which lists every mention in every source; the claims pages compare the sources with each other and with the scholarship.',
    'home-how-5'            : 'Every paragraph has a number that links to itself: use it to cite a passage. Each page says how to cite it.',
    (: the other pages :)
    'method-title'          : 'Introduction and method',
    'method-intro'          : 'The editorial principles, as declared in the header of each source.',
    'method-project'        : 'The project',
    'method-principles'     : 'Editorial principles',
    'method-works-cited'    : 'Works cited',
    'guidelines-title'      : 'Encoding guidelines',
    'guidelines-manual'     : 'The encoding manual',
    'odd-modules'           : 'TEI modules and the elements taken from them',
    'odd-values'            : 'Attribute values fixed by the edition',
    'odd-element'           : 'Element',
    'odd-attribute'         : 'Attribute',
    'odd-allowed'           : 'Allowed values',
    'odd-rules'             : 'Editorial rules checked by the validator',
    'about-technology'      : 'The edition is a set of static pages generated from the TEI files with XSLT 3.0; it needs no server-side software and makes no outside requests, and every page can be read without scripts.',
    'licence-encoding'      : 'The encoding, the indexes, the claims register and the editorial texts of this edition are published under the Creative Commons Attribution 4.0 International licence:',
    'licence-code'          : 'The software that builds the edition is published under the MIT licence.',
    'licence-originals'     : 'Rights of the originals',
    'cite-edition'          : 'Citing the edition',
    'cite-how-paragraph'    : 'To cite a passage, follow its paragraph number in the margin of the reading page: the address then ends in the paragraph’s permanent identifier (for example #essay-p4), which will not change in later versions.',
    'dl-purges-corpus-xml'  : 'the whole collection as one TEI corpus',
    'dl-claims-xml'         : 'the claims register (TEI)',
    'dl-claims-csv'         : 'the claims, one row per reading (CSV)',
    'dl-claims-json'        : 'the claims (JSON)',
    'dl-indexes-csv'        : 'the index entries with their mentions per source (CSV)',
    'dl-indexes-json'       : 'the index entries with their mentions per source (JSON)',
    'dl-persons-xml'        : 'the index of persons (TEI)',
    'dl-places-xml'         : 'the index of places (TEI)',
    'dl-organisations-xml'  : 'the index of organisations (TEI)',
    'dl-bibliography-xml'   : 'the bibliography (TEI)',
    'dl-purges-odd'         : 'the TEI customisation (ODD)',
    'dl-purges-rng'         : 'the schema (RELAX NG)',
    'dl-purges-sch'         : 'the editorial rules (Schematron)',
    'dl-ENCODING-md'        : 'the encoding manual (Markdown)',
    'about-title'           : 'About the edition',
    'about-editors'         : 'Editors',
    'licence-title'         : 'Licence',
    'cite-title'            : 'How to cite',
    'downloads'             : 'Downloads',
    'downloads-corpus'      : 'The whole collection as one TEI corpus',
    'downloads-sources'     : 'Each source as TEI XML',
    'downloads-data'        : 'Claims and indexes as data',
    'search'                : 'Search',
    'search-box'            : 'Search the edition',
    'search-intro'          : 'Search the text of the {sources}, every index entry (with every spelling of a name the sources use), the claims and the edition’s own pages. Narrow the results by source, genre, entity type and kind of page.',
    'search-noscript'       : 'The search runs in the browser and needs JavaScript. Without it, every name, place and organisation is listed in the indexes, and every contested claim in the claims overview:',
    'search-filter-source'  : 'Source',
    'search-filter-genre'   : 'Genre',
    'search-filter-entity'  : 'Entity type',
    'search-filter-page'    : 'Page type',
    'search-page-reading'   : 'Reading text',
    'search-page-entry'     : 'Index entry',
    'search-page-claim'     : 'Claim',
    (: dates and numbers in words :)
    'months'                : 'January February March April May June July August September October November December',
    'date-between'          : 'between {1} and {2}',
    'date-not-before'       : 'not before {1}',
    'date-not-after'        : 'not after {1}',
    'date-from'             : 'from {1}',
    'date-to'               : 'until {1}',
    'date-undated'          : 'undated',
    'date-this-edition'     : 'this edition {1}',
    'num-at-least'          : 'at least {1}',
    'num-at-most'           : 'at most {1}',
    (: claims / indexes / chronology (used by their stylesheets) :)
    'claims-title'          : 'Contested claims',
    'indexes-title'         : 'Indexes',
    'persons-title'         : 'Persons',
    'places-title'          : 'Places',
    'organisations-title'   : 'Organisations',
    'chronology-title'      : 'Chronology',
    'mentions'              : 'Mentions',
    'scholarship'           : 'Scholarship',
    'editorial-note'        : 'Editorial note',
    'kind'                  : 'Kind',
    'topic'                 : 'Topic',
    (: claims pages and the apparatus note (claims.xsl, modules/apparatus.xsl, chart.xsl) :)
    'claims-intro'          : 'The {1} claims on which the sources disagree, each with every source’s reading and what scholarship says. Open a claim for the quotations, full citations, a chart of the figures and the editors’ judgement.',
    'claims-table-caption'  : 'Every contested claim against every source and scholarship (— where a source says nothing)',
    'claim'                 : 'Claim',
    'filter-all'            : 'All',
    'filter-count'          : '{1} of {2} claims shown',
    'certainty-col'         : 'Edition’s confidence',
    (: verdicts of the claims register (tei/claims.xml, taxonomy claim-verdicts): short for a
       table cell or a note sign, long for a sentence or a legend :)
    'verdict-contradicted'      : 'Contradicted',
    'verdict-qualified'         : 'Right in part',
    'verdict-disputed'          : 'Disputed',
    'verdict-uncheckable'       : 'Not checkable',
    'verdict-consistent'        : 'Consistent',
    'verdict-contradicted-long' : 'contradicted by the record',
    'verdict-qualified-long'    : 'right only in part: inexact, or claiming more than the record shows',
    'verdict-disputed-long'     : 'disputed among historians',
    'verdict-uncheckable-long'  : 'not checkable against the scholarship',
    'verdict-consistent-long'   : 'consistent with the scholarship',
    'verdict-heading'           : 'Against the scholarship',
    'verdict-legend'            : 'How each reading stands against the scholarship (the editors’ verdict)',
    'verdict-cert'              : '{1}; the editors’ confidence in this verdict: {2}.',
    'verdict-cert-high'         : 'high',
    'verdict-cert-medium'       : 'medium',
    'verdict-cert-low'          : 'low',
    'verdict-cert-unknown'      : 'not stated',
    'synopsis-heading'          : 'The sources side by side, with the scholarship',
    'verdict-of'                : 'Verdict: {1}',
    'cert-badge-high'       : 'High confidence',
    'cert-badge-medium'     : 'Medium confidence',
    'cert-badge-low'        : 'Low confidence',
    'cert-badge-unknown'    : 'Confidence not stated',
    'claim-sources'         : 'What the sources say',
    'this-text'             : 'this text',
    'in-the-text'           : 'in the text',
    'read-in-context'       : 'Read in context:',
    'ref-cert-medium'       : 'The editors are not fully sure the work states exactly this.',
    'ref-cert-low'          : 'The editors doubt the work states exactly this.',
    'cited-at'              : '({1})',
    'pinpoint-unverified'   : 'Pinpoint not yet verified.',
    'pinpoint-verified'     : 'Pages checked:',
    'page'                  : 'p. {1}',
    'pages'                 : 'pp. {1}',
    'et-al'                 : 'et al.',
    'and'                   : 'and',
    'eds'                   : 'eds.',
    'value-over'            : 'at least {1}',
    'value-under'           : 'at most {1}',
    'figure'                : 'Figure',
    'derived'               : '(derived by the editors)',
    'figure-base'           : 'Of',
    'figure-year'           : 'Refers to',
    'figure-measure'        : 'Counts',
    'chart-other-measure'   : '(counts: {1})',
    'figure-context'        : 'Context figure (not an answer)',
    'context-reading'       : '(context, not an answer)',
    'comparability-note'    : 'Why these figures stand together',
    'related-claims'        : 'Related claims',
    'gist'                  : 'In short',
    'note-by'               : 'Note by {1}.',
    'chart-heading'         : 'The figures on one axis',
    'chart-title'           : 'Chart: {1}',
    'chart-desc'            : 'Each source’s figure as a circle, each work of scholarship as a diamond (one figure) or a bar (a range), on one axis of {1}.',
    'chart-caption'         : 'Circles: the sources’ figures; diamonds and bars: scholarship’s figures and ranges (an arrow marks an open end). Axis: {1}. The table lists the same figures.',
    'chart-other-units'     : 'Readings given in another unit cannot share this axis; the table lists them.',
    'chart-table'           : 'The figures of this chart',
    'chart-region'          : 'Chart (scrolls sideways on a narrow screen)',
    'chart-col-who'         : 'Reading',
    'chart-col-group'       : 'From',
    'chart-col-figure'      : 'Figure',
    'chart-col-drawn'       : 'On the chart',
    'chart-drawn-yes'       : 'yes',
    'chart-drawn-no'        : 'no ({1}, another unit)',
    'group-sources'         : 'a source',
    'group-scholarship'     : 'scholarship',
    'unit-count'            : 'number of people',
    'unit-percent'          : 'per cent',
    'unit-ordinal'          : 'rank',
    'unit-multiplier'       : 'times',
    (: index pages (indexes.xsl, modules/names.xsl) :)
    'indexes-intro'         : 'Every person, place and organisation the sources name, with every mention in context.',
    'index-intro'           : '{1} entries, in alphabetical order. Each entry lists every mention in the {sources}.',
    'index-count'           : '{1}',
    'noun-mention-one'      : 'mention',
    'noun-mention-many'     : 'mentions',
    'noun-source-one'       : 'source',
    'noun-source-many'      : 'sources',
    'noun-more-source-one'  : 'more source',
    'noun-more-source-many' : 'more sources',
    'index-no-mentions'     : 'not mentioned in the sources',
    'index-letters'         : 'Initial letters',
    'entry-name'            : 'Name',
    'entry-variants'        : 'Also written',
    'entry-birth'           : 'Born',
    'entry-death'           : 'Died',
    'entry-floruit'         : 'Active',
    'entry-role'            : 'Role',
    'entry-note'            : 'Note',
    'entry-place-type'      : 'Type',
    'entry-coordinates'     : 'Coordinates',
    'entry-latlong'         : 'latitude {1}, longitude {2}',
    'entry-mentions'        : 'Mentions in the sources',
    'entry-mentions-intro'  : '{1} in {2}. Each links to its place in the reading page.',
    'entry-forms'           : 'Named as: {1}.',
    'entry-claims'          : 'Contested claims that concern this entry',
    'entry-in-source'       : '{1} ({2})',
    'entry-artefact'        : 'in a scraped gloss',
    'entry-context-link'    : 'in context ({1})',
    (: chronology (chronology.xsl, modules/chronology.xsl) :)
    'chronology-intro'      : 'Every dated mention in the sources’ own text and every dated claim, in order within the edition’s period (the dates of scraped glosses, of bibliographic references and outside the period are listed apart, at the end). A bar is a period (from–to); an arrow an open end (not before / not after); a dot a single date.',
    'chronology-years'      : 'Years',
    'chronology-page'       : 'page {1} of {2}',
    'entry-page'            : 'page {1} of {2}',
    'entry-pages'           : 'Pages of this entry’s mentions',
    'chronology-pages'      : 'Pages of the chronology',
    'chronology-count'      : '{1} dated items.',
    'chrono-point'          : 'a single date',
    'chrono-range'          : 'a period',
    'chrono-not-before'     : 'open end: from this date on',
    'chrono-not-after'      : 'open start: up to this date',
    'chrono-between'        : 'uncertain: somewhere in this span',
    'chrono-claim'          : 'Claim',
    'chrono-off-scale'      : 'drawn at the edge: beyond the scale',
    'chrono-uncertain'      : 'the date is uncertain',
    'chrono-glosses'        : 'Show {1} other dates: from scraped glosses, from bibliographic references, and outside the period',
    'chrono-glosses-intro'  : 'Dates the chronology above leaves out: those inside the scraped glosses (the opening lines of linked articles that a scraper pasted into a text, among them the birth and death dates of people the sources themselves do not discuss), those in the sources’ bibliographic references (the years of books and articles), and those before or after the edition’s period.',
    'chrono-layer-gloss'    : 'in a scraped gloss',
    'chrono-layer-reference': 'in a bibliographic reference',
    'chrono-layer-outside'  : 'outside the period',
    'chrono-undated'        : 'Other',
    'chrono-scale'          : 'The strip beside each item places it on a scale from {1} to {2}.'
  }"/>

  <!--
    pe:label($key): the interface string for $key. Stops the transformation when the key is
    missing.
  -->
  <xsl:function name="pe:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="pe:label($key, ())"/>
  </xsl:function>

  <!-- The values of the placeholders for the edition's facts (see HOW TO USE). -->
  <xsl:variable name="pe:label-facts" as="map(xs:string, xs:string)">
    <!-- from the catalogue (teipub/catalogue.py): every page says it, so no page reads every source -->
    <xsl:variable name="n" as="xs:integer" select="if (exists($pe:catalogue))
      then xs:integer($pe:catalogue/*/@sources) else count(pe:sources())"/>
    <xsl:variable name="sources" as="xs:string"
      select="format-integer($n, 'w') || ' ' || pe:label(if ($n = 1) then 'noun-source-one' else 'noun-source-many')"/>
    <xsl:variable name="file-desc" as="element(tei:fileDesc)?" select="$pe:edition/tei:TEI/tei:teiHeader/tei:fileDesc"/>
    <xsl:sequence select="map {
      '{title}': normalize-space($file-desc/tei:titleStmt/tei:title[@type = 'main']),
      '{publisher}': normalize-space($file-desc/tei:publicationStmt/tei:publisher),
      '{sources}': $sources,
      '{Sources}': upper-case(substring($sources, 1, 1)) || substring($sources, 2) }"/>
  </xsl:variable>

  <!-- pe:label($key, $args): the string with {1}, {2}, ... replaced by $args, and the
       placeholders of the edition's facts by their values. -->
  <xsl:function name="pe:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="args" as="xs:string*"/>
    <xsl:variable name="template" as="xs:string?" select="$pe:labels($key)"/>
    <xsl:iterate select="1 to count($args)">
      <xsl:param name="s" as="xs:string" select="($template, error(xs:QName('pe:LABEL'),
        'No interface label for key ' || $key || ' (add it to xslt/modules/labels.xsl)'))[1]"/>
      <xsl:on-completion select="if (not(contains($s, '{'))) then $s else fold-left(map:keys($pe:label-facts), $s,
        function ($acc as xs:string, $k as xs:string) as xs:string { replace($acc, $k, $pe:label-facts($k), 'q') })"/>
      <xsl:next-iteration>
        <xsl:with-param name="s" select="replace($s, '{' || . || '}', $args[current()], 'q')"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

  <!-- pe:counted(3, 'mention') = "3 mentions": a count with its noun in the right number,
       from the labels noun-{$noun}-one and noun-{$noun}-many. -->
  <xsl:function name="pe:counted" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="noun" as="xs:string"/>
    <xsl:sequence select="$n || ' ' || pe:label('noun-' || $noun || (if ($n = 1) then '-one' else '-many'))"/>
  </xsl:function>
</xsl:stylesheet>
