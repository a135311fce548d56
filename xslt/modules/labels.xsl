<?xml version="1.0" encoding="UTF-8"?>
<!--
  labels.xsl : every interface string of the edition, in one table.

  HOW TO USE
  * pe:label('key') returns the string; an unknown key stops the build with the key's name
    (so a typo never reaches a page). pe:label('key', ('a', 'b')) fills {1}, {2}, ... with
    the arguments.
  * To add a string, add one entry to $pe:labels below (keys are lower-case, hyphenated,
    grouped by the page that uses them). Nothing else in any stylesheet is English prose
    written for the interface: headings, buttons, aria-labels, legends all come from here.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="params.xsl"/>

  <xsl:variable name="pe:labels" as="map(xs:string, xs:string)" select="map {
    (: the site :)
    'site-title'            : 'Purges in Dispute',
    'site-subtitle'         : 'Five sources on the purges of the Soviet Communist Party, 1920s–1930s',
    'publisher'             : 'Purges in Dispute editorial board',
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
    'note-sign'             : 'Note on claim: {1}',
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
    'entity-index-entry'    : 'Index entry',
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
    'home-sources'          : 'The five sources',
    'home-genre'            : 'Genre',
    'home-date'             : 'Date',
    'home-stance'           : 'Stance',
    'home-source'           : 'Source',
    'home-what-text'        : 'The edition sets five very different texts side by side (an encyclopedia article, a scraped copy of another, a student’s revision notes, a school essay and a polemical pamphlet) and records, claim by claim, where they agree, where they dispute figures, dates, causes and attributions, and what the scholarship says.',
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
    'about-title'           : 'About the edition',
    'about-editors'         : 'Editors',
    'licence-title'         : 'Licence',
    'cite-title'            : 'How to cite',
    'downloads'             : 'Downloads',
    'downloads-corpus'      : 'The whole collection as one TEI corpus',
    'downloads-sources'     : 'Each source as TEI XML',
    'downloads-data'        : 'Claims and indexes as data',
    'search'                : 'Search',
    (: dates and numbers in words :)
    'months'                : 'January February March April May June July August September October November December',
    'date-between'          : 'between {1} and {2}',
    'date-not-before'       : 'not before {1}',
    'date-not-after'        : 'not after {1}',
    'date-from'             : 'from {1}',
    'date-to'               : 'until {1}',
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
    'certainty-col'         : 'Edition’s confidence',
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
    'figure-year'           : 'For the year',
    'gist'                  : 'In short',
    'note-by'               : 'Note by {1}.',
    'chart-heading'         : 'The figures on one axis',
    'chart-title'           : 'Chart: {1}',
    'chart-desc'            : 'Each source’s figure as a point, each work of scholarship as a bar (its range), on one axis of {1}.',
    'chart-caption'         : 'Points: the sources’ figures; bars: scholarship’s ranges (an arrow marks an open end). Axis: {1}. The table lists the same figures.',
    'chart-other-units'     : 'Readings given in another unit cannot share this axis; the table lists them.',
    'chart-table'           : 'The figures of this chart',
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
    'index-intro'           : '{1} entries, in alphabetical order. Each entry lists every mention in the five sources.',
    'index-count'           : '{1} mentions',
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
    'entry-mentions-intro'  : '{1} mentions in {2} sources. Each links to its place in the reading page.',
    'entry-mentioned-as'    : 'as “{1}”',
    'entry-claims'          : 'Contested claims that concern this entry',
    'entry-in-source'       : '{1} ({2})',
    'entry-artefact'        : 'in a scraped gloss',
    'entry-context-link'    : 'paragraph {1}',
    (: chronology (chronology.xsl, modules/chronology.xsl) :)
    'chronology-intro'      : 'Every dated mention in the sources and every dated claim, in order. A bar is a period (from–to); an arrow an open end (not before / not after); a dot a single date.',
    'chronology-years'      : 'Years',
    'chronology-count'      : '{1} dated items',
    'chrono-point'          : 'a single date',
    'chrono-range'          : 'a period',
    'chrono-not-before'     : 'open end: from this date on',
    'chrono-not-after'      : 'open start: up to this date',
    'chrono-between'        : 'uncertain: somewhere in this span',
    'chrono-claim'          : 'Claim',
    'chrono-off-scale'      : 'drawn at the edge: beyond the scale',
    'chrono-undated'        : 'Other',
    'chrono-scale'          : 'Position on the scale {1}–{2}'
  }"/>

  <!--
    pe:label($key): the interface string for $key. Stops the transformation when the key is
    missing.
  -->
  <xsl:function name="pe:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="pe:label($key, ())"/>
  </xsl:function>

  <!-- pe:label($key, $args): the string with {1}, {2}, ... replaced by $args. -->
  <xsl:function name="pe:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="args" as="xs:string*"/>
    <xsl:variable name="template" as="xs:string?" select="$pe:labels($key)"/>
    <xsl:if test="empty($template)">
      <xsl:message terminate="yes" error-code="pe:LABEL">No interface label for key '<xsl:value-of
        select="$key"/>' (add it to xslt/modules/labels.xsl).</xsl:message>
    </xsl:if>
    <xsl:iterate select="1 to count($args)">
      <xsl:param name="s" as="xs:string" select="$template"/>
      <xsl:on-completion select="$s"/>
      <xsl:next-iteration>
        <xsl:with-param name="s" select="replace($s, '{' || . || '}', $args[current()], 'q')"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>
</xsl:stylesheet>
