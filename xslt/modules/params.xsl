<?xml version="1.0" encoding="UTF-8"?>
<!--
  params.xsl : the global parameters of every entry stylesheet, and the project namespace.

  HOW TO USE
  * Project namespace (functions, modes, named templates, keys, output formats):
        xmlns:pe="https://purges-edition.example/ns"
  * Do not import this module directly: import xslt/modules/layout.xsl, which imports
    citation.xsl -> functions.xsl -> labels.xsl -> params.xsl, so one import brings all of them.
  * The parameters are in no namespace so that teipub/build.py (and the Saxon command line)
    can set them by their plain names. build.py always passes all of them; the defaults
    below only serve tests and hand runs of a stylesheet.
  * Paths: every page of the site is written relative to the site root (the build sets the
    base output URI to the site folder), so entry stylesheets write with
    <xsl:result-document href="claims/{$id}.html" format="pe:html"> and link back to the
    root with the $root prefix ('' for top-level pages, '../' one folder down, ...).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <!-- Absolute URI of the collection folder tei/ (ending in '/'). Every document the
       edition reads (sources, indexes, claims, bibliography) is found from here. -->
  <xsl:param name="tei-root" as="xs:string"
    select="resolve-uri('../../tei/', static-base-uri())"/>

  <!-- The edition description (tei/edition.xml, read once): the edition's identity, its sources
       in reading order, the genres and OAI-PMH sets, the indexes and the kinds of claim. Every
       stylesheet takes these facts from here (see also pe:edition-sources() in functions.xsl);
       teipub/edition.py reads the same file for Python. Empty when the collection has none. -->
  <xsl:variable name="pe:edition" as="document-node()?"
    select="let $uri := if ($edition-file ne '') then $edition-file else $tei-root || 'edition.xml'
            return if (doc-available($uri)) then doc($uri) else ()"/>

  <!-- The build passes a copy of the description without its list of sources (teipub/catalogue.py):
       that list grows with the collection, and every page reads the description. Empty: the file. -->
  <xsl:param name="edition-file" as="xs:string" select="''"/>

  <!-- The folder (absolute URI, ending in '/') of the collect stage's copies of each source's
       root element and teiHeader (headers/{siglum}.xml, teipub/catalogue.py), read through
       pe:source-headers(). Empty (a hand run, a unit test): the sources themselves. -->
  <xsl:param name="headers" as="xs:string" select="''"/>

  <!-- The licence of the edition (its address), from the edition description. -->
  <xsl:variable name="pe:licence" as="xs:string"
    select="string($pe:edition/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence/@target)"/>

  <!-- The indexes of the edition description (taxonomy edition-indexes), in order, one map each:
       'name' (its pages are indexes/{name}/: 'persons'), 'file' (under tei/), 'label', 'prefix' (of
       its entries' ids and pointers: 'per'), 'entry' (the TEI element of an entry: 'person'),
       'name-element' (what names an entry in the texts: 'persName'). -->
  <xsl:variable name="pe:indexes" as="map(xs:string, xs:string)*" select="
    $pe:edition/tei:TEI/tei:teiHeader/tei:encodingDesc/tei:classDecl/tei:taxonomy[@xml:id = 'edition-indexes']/tei:category
    ! map { 'name': string(@n), 'file': string(@corresp),
            'label': normalize-space(tei:catDesc[@n = 'label']), 'prefix': normalize-space(tei:catDesc[@n = 'prefix']),
            'entry': normalize-space(tei:catDesc[@n = 'entry']), 'name-element': normalize-space(tei:catDesc[@n = 'name']) }"/>

  <!-- Sigla of the sources in reading order (space separated): by default those of the edition
       description. The build passes them (with any source file the description does not list,
       after them). Sigla without a file are left out. -->
  <xsl:param name="sigla" as="xs:string"
    select="string-join($pe:edition/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:listBibl[@type = 'sources']/tei:bibl/tei:idno[@type = 'edition'] ! normalize-space(), ' ')"/>

  <!-- The build date printed on every page: the latest revisionDesc/change/@when of the
       collection (never the clock), computed by build.py. Empty: computed in XSLT from the
       sources (same rule, used by tests and hand runs). -->
  <xsl:param name="build-date" as="xs:string" select="''"/>

  <!-- The edition's version (editionStmt/edition/@n of the edition description). Empty: read
       from the description. -->
  <xsl:param name="edition-version" as="xs:string" select="''"/>

  <!-- Absolute URL where the site is published, ending in '/'. Empty (the default): pages
       carry only relative links and the citations name the edition without a URL. -->
  <xsl:param name="site-base" as="xs:string" select="''"/>

  <!-- Absolute URI of the folder schema/ (the ODD and the encoding manual), ending in '/'. -->
  <xsl:param name="schema-root" as="xs:string"
    select="resolve-uri('../../schema/', static-base-uri())"/>

  <!-- The files the build offers under downloads/ (names, space separated), so that pages can
       list them without guessing. -->
  <xsl:param name="downloads" as="xs:string" select="''"/>

  <!-- How many sources besides its own a reading page's note on a claim lists readings of (the
       first in the register's order); the scholarship and the editors' note are always given in
       full, and the other sources are counted, with a link to the claim page, which lists every
       reading. teipub/catalogue.py reads this default (apparatus_sources()) to cut the page's
       slice of the catalogue to the same readings and the build passes it back: change it here
       only. (A string, as the build passes every parameter; pe:apparatus-sources is the number.) -->
  <xsl:param name="apparatus-sources" as="xs:string" select="'5'"/>
  <xsl:variable name="pe:apparatus-sources" as="xs:integer" select="xs:integer($apparatus-sources)"/>

  <!-- Output format for every HTML page; use it in xsl:result-document/@format. -->
  <xsl:output name="pe:html" method="html" html-version="5" encoding="UTF-8"
    include-content-type="no" indent="no"/>
  <xsl:output method="html" html-version="5" encoding="UTF-8"
    include-content-type="no" indent="no"/>
</xsl:stylesheet>
