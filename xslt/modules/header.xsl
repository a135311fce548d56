<?xml version="1.0" encoding="UTF-8"?>
<!--
  header.xsl : a source's teiHeader as a readable source description.

  mode pe:header, applied to a tei:teiHeader: a <dl> of what the original is (title, author,
  publisher, date, address, medium, transmission, genre, stance, language), who edited it and
  under what rights, then "How this text was edited" (the editorialDecl) and the revisions.
  One template per header element below; elements not listed are skipped.

  Functions: pe:genre($doc), pe:stance($doc) (the profileDesc keywords, as terms),
  pe:term-label($term) ('polemical-pamphlet' -> 'polemical pamphlet'),
  pe:doc-title($doc) and pe:source-date($doc) (the original's date, short).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="text.xsl"/>

  <!-- The source description (applied to tei:teiHeader). -->
  <xsl:mode name="pe:header" on-no-match="shallow-skip"/>

  <!-- ================================================================ decisions -->

  <xsl:function name="pe:genre" as="xs:string*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)//tei:profileDesc//tei:keywords[@scheme = '#genre']/tei:term ! normalize-space()"/>
  </xsl:function>

  <xsl:function name="pe:stance" as="xs:string*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)//tei:profileDesc//tei:keywords[@scheme = '#stance']/tei:term ! normalize-space()"/>
  </xsl:function>

  <xsl:function name="pe:term-label" as="xs:string">
    <xsl:param name="term" as="xs:string"/>
    <xsl:sequence select="translate($term, '-', ' ')"/>
  </xsl:function>

  <!-- the edition's title of a source (titleStmt/title type main, else the first title) -->
  <xsl:function name="pe:doc-title" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="t" as="element()*" select="root($doc)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:sequence select="normalize-space(($t[@type = 'main'], $t)[1])"/>
  </xsl:function>

  <!-- the original's date, short, from its attributes ('30 March 2008', 'between 2016 and …') -->
  <xsl:function name="pe:source-date" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="sd" as="element()?" select="root($doc)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc"/>
    <xsl:variable name="ds" as="element()*" select="($sd/tei:bibl/tei:date, ($sd//tei:date)[1])[1], $sd/tei:bibl/tei:date[@type = 'edition']"/>
    <xsl:sequence select="string-join(distinct-values($ds ! pe:own-date-label(.)), '; ')"/>
  </xsl:function>

  <!-- a source's date in words, its own only: a limit that is the date the edition received or
       published the copy (the edition's date, tei/edition.xml) says nothing of the source and is
       left out ('between 2016 and 23 November 2026' -> 'not before 2016'; nothing left: 'undated') -->
  <xsl:function name="pe:own-date-label" as="xs:string">
    <xsl:param name="d" as="element()"/>
    <xsl:variable name="edition-date" as="xs:string"
      select="string($pe:edition/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:date/@when)"/>
    <xsl:variable name="after" as="xs:string?" select="$d/@notAfter[. ne $edition-date]"/>
    <xsl:variable name="label" as="xs:string" select="
      if ($d/@when or $d/@from or $d/@to) then pe:date-label($d)
      else if ($d/@notBefore and $after) then pe:label('date-between', (pe:iso-label($d/@notBefore), pe:iso-label($after)))
      else if ($d/@notBefore) then pe:label('date-not-before', pe:iso-label($d/@notBefore))
      else if ($after) then pe:label('date-not-after', pe:iso-label($after))
      else if ($d/@notAfter) then pe:label('date-undated')
      else normalize-space($d)"/>
    <xsl:sequence select="if ($d/@type = 'edition') then pe:label('date-this-edition', $label) else $label"/>
  </xsl:function>

  <!-- one row of the description list -->
  <xsl:template name="pe:fact">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="value" as="item()*"/>
    <xsl:if test="exists($value)">
      <div class="fact"><dt><xsl:value-of select="pe:label($label)"/></dt><dd><xsl:sequence select="$value"/></dd></div>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================ the elements -->

  <xsl:template match="tei:teiHeader" mode="pe:header">
    <dl class="source-facts">
      <xsl:apply-templates select="tei:fileDesc/tei:titleStmt/tei:title[@type = 'sub']" mode="#current"/>
      <xsl:apply-templates select="tei:fileDesc/tei:sourceDesc" mode="#current"/>
      <xsl:call-template name="pe:fact">
        <xsl:with-param name="label" select="'sd-genre'"/>
        <xsl:with-param name="value" select="string-join(pe:genre(.) ! pe:term-label(.), ', ')[. ne '']"/>
      </xsl:call-template>
      <xsl:call-template name="pe:fact">
        <xsl:with-param name="label" select="'sd-stance'"/>
        <xsl:with-param name="value" select="string-join(pe:stance(.) ! pe:term-label(.), ', ')[. ne '']"/>
      </xsl:call-template>
      <xsl:apply-templates select="tei:profileDesc/tei:langUsage" mode="#current"/>
      <xsl:apply-templates select="tei:fileDesc/tei:titleStmt" mode="#current"/>
      <xsl:apply-templates select="tei:fileDesc/tei:editionStmt" mode="#current"/>
      <xsl:apply-templates select="tei:fileDesc/tei:publicationStmt/tei:availability" mode="#current"/>
    </dl>
    <xsl:apply-templates select="tei:encodingDesc/tei:editorialDecl" mode="#current"/>
    <xsl:apply-templates select="tei:revisionDesc" mode="#current"/>
  </xsl:template>

  <xsl:template match="tei:title" mode="pe:header">
    <xsl:call-template name="pe:fact">
      <xsl:with-param name="label" select="'sd-original-title'"/>
      <xsl:with-param name="value" as="node()*"><cite><xsl:value-of select="normalize-space()"/></cite></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:sourceDesc" mode="pe:header">
    <xsl:apply-templates select="tei:bibl/(tei:author, tei:publisher, tei:date, tei:idno[@type = 'url'],
      tei:note[@type = 'medium'], tei:note[@type = 'transmission'])" mode="#current"/>
  </xsl:template>

  <xsl:template match="tei:author" mode="pe:header">
    <xsl:call-template name="pe:fact">
      <xsl:with-param name="label" select="'sd-author'"/>
      <xsl:with-param name="value" select="normalize-space()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:publisher" mode="pe:header">
    <xsl:call-template name="pe:fact">
      <xsl:with-param name="label" select="'sd-publisher'"/>
      <xsl:with-param name="value" select="normalize-space()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:date" mode="pe:header">
    <xsl:call-template name="pe:fact">
      <xsl:with-param name="label" select="'sd-date'"/>
      <xsl:with-param name="value" select="if (normalize-space()) then normalize-space() else pe:date-label(.)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- the original's address is printed, not linked: the edition makes no outside requests,
       and a reader may copy it -->
  <xsl:template match="tei:idno" mode="pe:header">
    <xsl:call-template name="pe:fact">
      <xsl:with-param name="label" select="'sd-url'"/>
      <xsl:with-param name="value" as="node()*"><code class="url"><xsl:value-of select="normalize-space()"/></code></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:note" mode="pe:header">
    <xsl:call-template name="pe:fact">
      <xsl:with-param name="label" select="'sd-' || @type"/>
      <xsl:with-param name="value" as="node()*"><xsl:apply-templates mode="pe:text"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:langUsage" mode="pe:header">
    <xsl:call-template name="pe:fact">
      <xsl:with-param name="label" select="'sd-language'"/>
      <xsl:with-param name="value" select="string-join(tei:language ! normalize-space(), ', ')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:titleStmt" mode="pe:header">
    <xsl:call-template name="pe:fact">
      <xsl:with-param name="label" select="'sd-editors'"/>
      <xsl:with-param name="value" as="node()*">
        <xsl:if test="tei:respStmt">
          <ul class="resp"><xsl:apply-templates select="tei:respStmt" mode="#current"/></ul>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:respStmt" mode="pe:header">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="'../'"/>
    <li>
      <xsl:for-each select="tei:name">
        <a href="{$root}{(pe:ref-path(@ref), pe:page-path('about'))[1]}"><xsl:value-of select="normalize-space()"/></a>
      </xsl:for-each>
      <xsl:text>: </xsl:text>
      <xsl:value-of select="normalize-space(tei:resp)"/>
    </li>
  </xsl:template>

  <xsl:template match="tei:editionStmt" mode="pe:header">
    <xsl:call-template name="pe:fact">
      <xsl:with-param name="label" select="'sd-edition'"/>
      <xsl:with-param name="value" select="string(tei:edition/@n)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:availability" mode="pe:header">
    <xsl:call-template name="pe:fact">
      <xsl:with-param name="label" select="'sd-rights'"/>
      <xsl:with-param name="value" as="node()*">
        <xsl:for-each select="tei:licence | tei:p">
          <p><xsl:apply-templates mode="pe:text"/></p>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:editorialDecl" mode="pe:header">
    <details class="editorial-decl">
      <summary><xsl:value-of select="pe:label('sd-encoding')"/></summary>
      <dl>
        <xsl:apply-templates select="*" mode="#current"/>
      </dl>
    </details>
  </xsl:template>

  <!-- correction, normalization, quotation, hyphenation, segmentation, interpretation, p -->
  <xsl:template match="tei:editorialDecl/*" mode="pe:header">
    <div class="fact">
      <dt><xsl:value-of select="if (self::tei:p) then pe:label('decl-other') else pe:label('decl-' || local-name())"/></dt>
      <dd><xsl:for-each select="if (self::tei:p) then . else tei:p">
        <p><xsl:apply-templates mode="pe:text"/></p>
      </xsl:for-each></dd>
    </div>
  </xsl:template>

  <xsl:template match="tei:revisionDesc" mode="pe:header">
    <details class="revisions">
      <summary><xsl:value-of select="pe:label('sd-revisions')"/></summary>
      <ul><xsl:apply-templates select="tei:change" mode="#current"/></ul>
    </details>
  </xsl:template>

  <xsl:template match="tei:change" mode="pe:header">
    <li><time datetime="{@when}"><xsl:value-of select="@when"/></time>: <xsl:value-of select="normalize-space()"/></li>
  </xsl:template>
</xsl:stylesheet>
